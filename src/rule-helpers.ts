import { KINDS, type Kind } from "./types.js";

/** Every kind of markdown doc (plugin manifests are JSON, and only their own rule reads them). */
export const ALL_KINDS: readonly Kind[] = KINDS.filter((kind) => kind !== "manifest");
/** Kinds whose text an agent follows as instructions. */
export const INSTRUCTION_KINDS: readonly Kind[] = ["skill", "skill-reference", "agent", "command", "solution", "doc"];

export const REPOSITORY_URL = "https://github.com/skill-lint/skill-lint";

export function docsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}
