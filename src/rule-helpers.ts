import { KINDS, type Kind } from "./types.js";

export const ALL_KINDS: readonly Kind[] = KINDS;
/** Kinds whose text an agent follows as instructions. */
export const INSTRUCTION_KINDS: readonly Kind[] = ["skill", "skill-reference", "agent", "command", "solution", "doc"];

export const REPOSITORY_URL = "https://github.com/skill-lint/skill-lint";

export function docsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}
