import path from "node:path";
import { MAX_REFERENCE_DEPTH } from "./kinds.js";
import type { ProjectView } from "./project.js";
import { KINDS, type Kind } from "./types.js";

/** Every kind of markdown doc (plugin manifests are JSON, and only their own rule reads them). */
export const ALL_KINDS: readonly Kind[] = KINDS.filter((kind) => kind !== "manifest");
/** Kinds whose text an agent follows as instructions. */
export const INSTRUCTION_KINDS: readonly Kind[] = ["skill", "skill-reference", "agent", "command", "solution", "doc"];

export const REPOSITORY_URL = "https://github.com/skill-lint/skill-lint";

export function docsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}


/**
 * The SKILL.md of the skill a file belongs to: in the nearest folder at most MAX_REFERENCE_DEPTH up (as kind
 * detection assumes), any case (`SKILL.MD` too), never above the project or a repository root. Read through
 * the project's folder listings, so a cached result is dropped when one changes.
 */
export function skillFileAbove(filePath: string, project: ProjectView): string | undefined {
  let dir = path.dirname(path.resolve(filePath));
  for (let depth = 0; depth < MAX_REFERENCE_DEPTH; depth++) {
    const folder = project.folder(dir);
    if (folder.skillFile) return path.join(dir, folder.skillFile);
    const parent = path.dirname(dir);
    if (parent === dir || dir === project.root || folder.has(".git")) return undefined;
    dir = parent;
  }
  return undefined;
}
