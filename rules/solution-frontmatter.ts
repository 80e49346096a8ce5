/** Solution-doc frontmatter that breaks the compound-engineering schema, or a doc filed under another problem_type's folder. */
import { existsSync } from "node:fs";
import path from "node:path";
import { categoryFolders, checkFrontmatter, frontmatterData, keyRange, SOLUTION_SCHEMAS, valueRange } from "../src/frontmatter-schema.js";
import { houseSchema } from "../src/house-schema.js";
import { docsUrl } from "../src/rule-helpers.js";
import type { KindSchema, Rule } from "../src/types.js";

/** Schemas with a project's severity vocabulary, made once per schema and list (ajv compiles each once). */
const withVocabulary = new WeakMap<KindSchema, Map<string, KindSchema>>();

function withSeverities(source: KindSchema, severities: readonly string[]): KindSchema {
  let bySeverities = withVocabulary.get(source);
  if (!bySeverities) withVocabulary.set(source, (bySeverities = new Map()));
  const key = JSON.stringify(severities);
  let derived = bySeverities.get(key);
  if (!derived) {
    const properties = (source.schema.properties ?? {}) as Record<string, unknown>;
    const schema = { ...source.schema, properties: { ...properties, severity: { enum: [...severities] } } };
    bySeverities.set(key, (derived = { file: source.file, schema }));
  }
  return derived;
}

/**
 * A file or folder named as a template: `_template.md`, `solution-template.md`, `templates/`. Not a doc about
 * templates (`email-template-rendering.md`): the name ends with the word.
 */
const TEMPLATE_NAME = /^(?:_?templates?|[\w.-]+[-_]templates?)$/i;

function isTemplate(relative: string): boolean {
  const parts = relative.split(path.sep);
  const solutions = parts.lastIndexOf("solutions");
  return parts.slice(solutions + 1).some((part) => TEMPLATE_NAME.test(part.replace(/\.md$/i, "")));
}

const rule: Rule = {
  meta: {
    id: "solution-frontmatter",
    description: "docs/solutions frontmatter must follow the compound-engineering schema: required keys, enums, the bug track's fields, tags, folder.",
    kinds: ["solution"],
    severity: "error",
    offByDefault:
      "on seventeen public repositories it had not seen, 4 of 25 sampled findings were true (29 of 50 with the earlier unseen sample); the other 21 were one repository's solution docs, which follow a schema of their own",
    docsUrl: docsUrl("solution-frontmatter"),
    options: {
      legacy: {
        type: "boolean",
        default: false,
        description: "Use the older compound-docs (CORA) schema, with closed component and root_cause lists, instead of ce-compound's.",
      },
      checkAll: {
        type: "boolean",
        default: false,
        description: "Also check docs without problem_type; by default such a doc is taken to follow a schema of its own.",
      },
      severities: {
        type: "string[]",
        default: [],
        description: "The project's own values of `severity` (for example `[P1, P2, P3]`), in place of the schema's.",
      },
    },
  },
  check({ doc, filePath, schema, options, project, report }) {
    const data = frontmatterData(doc);
    // Project checks are read from the root's docs/solutions/ alone (src/checks.ts): elsewhere they would do nothing.
    const solutions = path.join(project.root, "docs", "solutions");
    if (data && "checks" in data && !path.resolve(filePath).startsWith(solutions + path.sep)) {
      const [start, end] = keyRange(doc, [], "checks") ?? [0, 1];
      report({
        message: `\`checks\` here are never run: project checks are read only from solution docs in the project root's \`docs/solutions/\`, and this doc is in \`${path.relative(project.root, path.dirname(path.resolve(filePath))).split(path.sep).join("/")}/\`; move this doc there, or put its checks in the project's skill-lint.config.json.`,
        start,
        end,
      });
    }
    // problem_type decides the track, so every doc written to this schema has it.
    if (!data || (options.checkAll !== true && !("problem_type" in data))) return;
    // A template the docs are written from (`_template.md`, `templates/solution-template.md`) holds placeholders.
    if (isTemplate(path.relative(project.root, path.resolve(filePath)))) return;
    const builtin = options.legacy === true ? SOLUTION_SCHEMAS.legacy : SOLUTION_SCHEMAS.current;
    // Most of the project's docs without problem_type: they follow a schema of the project's own, which this doc
    // with one follows too; the built-in schema holds where the project's docs keep to it (src/house-schema.ts).
    const base = schema ?? (options.checkAll === true ? undefined : houseSchema(builtin, filePath, data)) ?? builtin;
    const severities = Array.isArray(options.severities) ? options.severities.map(String) : [];
    const source = severities.length > 0 ? withSeverities(base, severities) : base;
    const host = schema ? `the solution schema (${path.basename(schema.file)})` : `the compound-engineering${options.legacy === true ? " (legacy)" : ""} schema`;
    for (const finding of checkFrontmatter(doc, source, { host })) report(finding);

    const problemType = data.problem_type;
    const folders = categoryFolders(source);
    const folder = path.basename(path.dirname(filePath));
    if (typeof problemType !== "string" || !folders[problemType] || folder === folders[problemType]) return;
    // The schema files a doc in an existing folder that covers its area ("corpus-first"), so a doc in
    // another problem_type's folder is misfiled only when its own default folder exists beside it.
    const owner = Object.keys(folders).find((type) => folders[type] === folder);
    if (!owner || !existsSync(path.join(path.dirname(path.dirname(filePath)), folders[problemType]))) return;
    const [start, end] = valueRange(doc, ["problem_type"])!;
    report({
      message: `\`problem_type: ${problemType}\` belongs in \`${folders[problemType]}/\`, but this doc is in \`${folder}/\`, the folder of \`${owner}\`; move the doc or correct problem_type.`,
      start,
      end,
    });
  },
};

export default rule;
