/** Frontmatter that its kind's JSON Schema rejects (a missing key, a wrong type, a value outside its set, an unknown key), and a config-defined kind's missing sections. */
import path from "node:path";
import { builtinSchema, checkFrontmatter, isCopilotAgentFile, schemaKeys } from "../src/frontmatter-schema.js";
import { docsUrl } from "../src/rule-helpers.js";
import type { Kind, Rule } from "../src/types.js";

/** Solution docs have their own rule, solution-frontmatter, with the compound-engineering schema. */
const KINDS: readonly Kind[] = ["skill", "skill-reference", "agent", "command", "doc"];

const HOSTS = { "claude-code": "Claude Code", "agent-skills": "the Agent Skills spec" } as const;

const rule: Rule = {
  meta: {
    id: "frontmatter-schema",
    description: "Frontmatter must match its kind's schema for the target host (known keys, right types, allowed values); a config-defined kind's required sections must be present.",
    kinds: KINDS,
    severity: "error",
    offByDefault:
      "on thirty-three public repositories it had not seen, 17 of 25 sampled findings were true (42 of 50 with the earlier unseen sample): a repository's own keys beside the host's (an `args:` key its own compliance script requires) read as misspellings of the host's keys",
    docsUrl: docsUrl("frontmatter-schema"),
  },
  check({ doc, filePath, kind, target, hosts, schema, userKind, report }) {
    if (userKind) {
      // The kind's sections are part of its definition in config, next to its schema.
      const headings = doc.sections.map((section) => section.heading.replace(/^[\d.\s]+/, "").trim().toLowerCase());
      for (const section of userKind.requiredSections) {
        if (headings.includes(section.trim().toLowerCase())) continue;
        report({
          message: `Missing section "${section}", which the ${userKind.name} kind requires (its requiredSections in config); add a \`## ${section}\` heading.`,
          start: doc.sections[0]?.start ?? doc.bodyStart,
          end: doc.sections[0]?.start ?? doc.bodyStart,
        });
      }
    }
    if (!schema && kind === "agent" && isCopilotAgentFile(filePath)) return;
    // The built-in subagent and command schemas are Claude Code's: another host's agents have their own keys.
    if (!schema && kind !== "skill" && kind !== "skill-reference" && !hosts.includes("claude-code")) return;
    const source = schema ?? builtinSchema(kind, target);
    if (!source) return;
    const host = schema ? `the ${userKind?.name ?? kind} schema (${path.basename(schema.file)})` : HOSTS[target];
    // Under agent-skills, a Claude Code field is not a typo: it works in one host and fails in others.
    const claudeCodeKeys = !schema && kind === "skill" && target === "agent-skills" ? schemaKeys(builtinSchema("skill", "claude-code")!) : [];
    const unknownKeyNote = (key: string): string | undefined =>
      claudeCodeKeys.includes(key)
        ? `Claude Code reads it, but the Agent Skills spec allows only name, description, license, compatibility, metadata and allowed-tools; move it under \`metadata\` or set "target": "claude-code"`
        : undefined;
    for (const finding of checkFrontmatter(doc, source, { host, unknownKeyNote })) report(finding);
  },
};

export default rule;
