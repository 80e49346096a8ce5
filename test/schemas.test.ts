/**
 * The built-in frontmatter schemas ship compiled ahead (src/schemas/validators.generated.ts), so a one-file run
 * does not pay ajv's compile at start-up. The file must match the schemas, and must validate as ajv would.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import { describe, expect, it } from "vitest";
// @ts-expect-error: the generator is a plain script, without types.
import { exportName, generate, GENERATED, schemaFiles } from "../scripts/schemas.mjs";
import { HOSTS } from "../src/hosts/index.js";
import * as precompiled from "../src/schemas/validators.generated.js";

const ROOT = path.resolve(import.meta.dirname, "..");

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

describe("precompiled schemas", () => {
  it("are current with the schema files (run `npm run schemas` after changing a schema)", () => {
    expect(readFileSync(GENERATED as string, "utf8")).toBe((generate as () => string)());
  });

  const files = (schemaFiles as () => string[])().map((file) => path.relative(ROOT, file));
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
    const schema = JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as object;
    const runtime = new Ajv({ allErrors: true, verbose: true, strict: false, logger: false, addUsedSchema: false }).compile(schema);
    const ahead = (precompiled as unknown as Record<string, Validate>)[(exportName as (name: string) => string)(path.join(ROOT, file))]!;
    for (const data of samples) {
      expect(ahead(data), JSON.stringify(data)).toBe(runtime(data));
      expect(ahead.errors ?? null).toEqual(runtime.errors ?? null);
    }
    // The samples must exercise the schema: some fail it.
    expect(samples.some((data) => !runtime(data))).toBe(true);
  });

  it("cover every host's frontmatter schema, under the name the engine looks up", () => {
    const names = HOSTS.flatMap((host) => Object.keys(host.frontmatterSchemas ?? {}).map((kind) => (exportName as (file: string) => string)(path.join(ROOT, "src/hosts", host.id, `${kind}.schema.json`))));
    expect(names).toEqual(expect.arrayContaining(["skillClaudeCode", "agentClaudeCode", "commandClaudeCode", "skillAgentSkills"]));
    for (const name of names) expect(typeof (precompiled as unknown as Record<string, unknown>)[name], name).toBe("function");
  });
});
