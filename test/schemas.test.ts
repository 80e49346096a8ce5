/**
 * The built-in frontmatter schemas ship compiled ahead (src/schemas/validators.generated.ts), so a one-file run
 * does not pay ajv's compile at start-up. The file must match the schemas, and must validate as ajv would.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import { describe, expect, it } from "vitest";
// @ts-expect-error: the generator is a plain script, without types.
import { exportName, generate, GENERATED } from "../scripts/schemas.mjs";
import * as precompiled from "../src/schemas/validators.generated.js";

const SCHEMAS = path.resolve(import.meta.dirname, "../src/schemas");

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

describe("precompiled schemas", () => {
  it("are current with src/schemas (run `npm run schemas` after changing a schema)", () => {
    expect(readFileSync(GENERATED as string, "utf8")).toBe((generate as () => string)());
  });

  const files = readdirSync(SCHEMAS).filter((name) => name.endsWith(".json"));
  // Values of the wrong type, empty, too long, unknown keys: each schema's checks that can fail.
  const samples: unknown[] = [
    {},
    { name: "Bad Name!", description: "" },
    { name: "x".repeat(80), description: "d".repeat(1100), tools: 3, model: ["a"], color: "plaid", unknown_key: true },
    { title: 1, date: "yesterday", problem_type: "nope", component: [], tags: "a", severity: "huge" },
    { "allowed-tools": [1, 2], "argument-hint": {}, "disable-model-invocation": "yes", context: "forked" },
    "not a map",
  ];

  it.each(files)("%s: the precompiled validator reports what ajv reports", (file) => {
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS, file), "utf8")) as object;
    const runtime = new Ajv({ allErrors: true, verbose: true, strict: false, logger: false, addUsedSchema: false }).compile(schema);
    const ahead = (precompiled as unknown as Record<string, Validate>)[(exportName as (name: string) => string)(file)]!;
    for (const data of samples) {
      expect(ahead(data), JSON.stringify(data)).toBe(runtime(data));
      expect(ahead.errors ?? null).toEqual(runtime.errors ?? null);
    }
    // The samples must exercise the schema: some fail it.
    expect(samples.some((data) => !runtime(data))).toBe(true);
  });
});
