/**
 * The Agent Skills spec (agentskills.io): the portable skill format many products load. It is not a host that
 * runs skills, so "refuse" here means what the spec's reference validator, `skills-ref validate`, rejects. The
 * reference validator is the Python package in agentskills/agentskills; `skills-ref` on npm (0.1.5) is a
 * third-party port with the same rules and messages.
 */
import type { Host, Source } from "../types.js";
import skillSchema from "./skill.schema.json" with { type: "json" };

const SPEC: Source = {
  ref: "https://agentskills.io/specification",
  note:
    "a skill is a folder with SKILL.md: YAML frontmatter (name, description required; license, compatibility, metadata, allowed-tools optional) then markdown. " +
    "The spec does not say where skills live; `allowed-tools` is an experimental space-separated string",
};
const VALIDATOR: Source = {
  ref: "https://github.com/agentskills/agentskills/blob/main/skills-ref/src/skills_ref/validator.py",
  version: "0.1.0",
  note: "skills-ref validate: one message per failed rule; unknown keys fail as \"Unexpected fields in frontmatter: …\", which no load check here can express",
};
const PARSER: Source = {
  ref: "https://github.com/agentskills/agentskills/blob/main/skills-ref/src/skills_ref/parser.py",
  version: "0.1.0",
  note: "strictyaml; the file must start with `---`; SKILL.md is preferred, skill.md accepted",
};
const NPM_PORT: Source = {
  ref: "npm:skills-ref@0.1.5/dist/validator.js",
  version: "0.1.5",
  note: "a third-party TypeScript port of the reference validator (js-yaml instead of strictyaml), same limits and messages",
};
const CLIENT_GUIDE: Source = {
  ref: "https://agentskills.io/client-implementation/adding-skills-support",
  note: "clients scan <project>/.agents/skills/ and ~/.agents/skills/ for cross-client skills, beside their own folder; lenient clients warn on a name that differs from its folder and still load it",
};

export const host: Host = {
  id: "agent-skills",
  name: "the Agent Skills spec",
  version: "0.1.0",
  markers: ["skills/*/SKILL.md"],
  inferredAlone: true,
  discovery: [
    {
      kind: "skill",
      scope: "project",
      files: ["skills/*/SKILL.md"],
      source: { ...SPEC, note: "the layout of a repository of skills: skills/<name>/SKILL.md, one folder per skill" },
    },
    { kind: "skill", scope: "project", files: [".agents/skills/*/SKILL.md"], source: CLIENT_GUIDE },
  ],
  userFolders: ["~/.agents/skills"],
  loadChecks: [
    {
      type: "yaml",
      kinds: ["skill"],
      effect: "refuse",
      reason: "Invalid YAML in frontmatter",
      reportedBy: "frontmatter-yaml",
      source: { ...PARSER, note: "also \"SKILL.md frontmatter must be a YAML mapping\" and \"SKILL.md must start with YAML frontmatter (---)\"" },
    },
    {
      type: "required",
      key: "name",
      kinds: ["skill"],
      effect: "refuse",
      reason: "Missing required field in frontmatter: name",
      reportedBy: "skill-name",
      source: { ...VALIDATOR, note: "an empty name: \"Field 'name' must be a non-empty string\"" },
    },
    {
      type: "string",
      key: "name",
      kinds: ["skill"],
      effect: "refuse",
      reason: "Field 'name' must be a non-empty string",
      reportedBy: "skill-name",
      source: VALIDATOR,
    },
    {
      type: "maxLength",
      key: "name",
      max: 64,
      kinds: ["skill"],
      effect: "refuse",
      reason: "exceeds 64 character limit",
      reportedBy: "skill-name",
      source: { ...VALIDATOR, note: "\"Skill name '<name>' exceeds 64 character limit (<n> chars)\"; the spec: 1-64 characters" },
    },
    {
      type: "pattern",
      key: "name",
      pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$",
      kinds: ["skill"],
      effect: "refuse",
      reason: "May only contain unicode lowercase alphanumeric characters (a-z, 0-9) and hyphens (-)",
      reportedBy: "skill-name",
      source: {
        ...SPEC,
        note:
          "the spec: a-z, 0-9 and hyphens, no hyphen first or last, no `--`. The validator's messages: \"must be lowercase\", \"cannot start or end with a hyphen\", " +
          "\"cannot contain consecutive hyphens\", \"contains invalid characters\" (it lets lowercase non-ASCII letters through; the spec's character list does not)",
      },
    },
    {
      type: "name-is-folder",
      kinds: ["skill"],
      effect: "refuse",
      reason: "must match skill name",
      reportedBy: "skill-name",
      source: { ...VALIDATOR, note: "\"Directory name '<folder>' must match skill name '<name>'\" (both NFKC-normalized); the spec: must match the parent directory name" },
    },
    {
      type: "required",
      key: "description",
      kinds: ["skill"],
      effect: "refuse",
      reason: "Missing required field in frontmatter: description",
      reportedBy: "skill-description",
      source: { ...VALIDATOR, note: "an empty description: \"Field 'description' must be a non-empty string\"" },
    },
    {
      type: "string",
      key: "description",
      kinds: ["skill"],
      effect: "refuse",
      reason: "Field 'description' must be a non-empty string",
      reportedBy: "skill-description",
      source: VALIDATOR,
    },
    {
      type: "maxLength",
      key: "description",
      max: 1024,
      kinds: ["skill"],
      effect: "refuse",
      reason: "Description exceeds 1024 character limit",
      reportedBy: "skill-description",
      source: VALIDATOR,
    },
    {
      type: "string",
      key: "compatibility",
      kinds: ["skill"],
      effect: "refuse",
      reason: "Field 'compatibility' must be a string",
      reportedBy: "frontmatter-schema",
      source: VALIDATOR,
    },
    {
      type: "maxLength",
      key: "compatibility",
      max: 500,
      kinds: ["skill"],
      effect: "refuse",
      reason: "Compatibility exceeds 500 character limit",
      reportedBy: "frontmatter-schema",
      source: VALIDATOR,
    },
  ],
  frontmatterSchemas: { skill: skillSchema },
  sources: [SPEC, VALIDATOR, PARSER, NPM_PORT, CLIENT_GUIDE],
};
