import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Kind } from "./types.js";

/** A skill's main file, in any case (`SKILL.MD` too). */
export const SKILL_FILE = /^skill\.md$/i;
const MARKDOWN = /\.(?:md|markdown)$/i;
/** How many folders below its SKILL.md a skill's reference file may sit (`references/products/agents/playbooks/x.md` is five). */
export const MAX_REFERENCE_DEPTH = 8;
/** A plugin or marketplace manifest: `.claude-plugin/plugin.json` or `.claude-plugin/marketplace.json`. */
export const MANIFEST_FILE = /(?:^|[\\/])\.claude-plugin[\\/](?:plugin|marketplace)\.json$/;

/**
 * Answers whether a folder holds a SKILL.md (any case), and through `isRepositoryRoot` whether it holds
 * `.git`, from one cached listing per folder: siblings share folders. `namesIn` gives the names of folders already
 * read, which are not read again.
 */
export function createSkillFolderProbe(
  namesIn: (dir: string) => Iterable<string> | undefined = () => undefined,
): ((dir: string) => boolean) & { isRepositoryRoot(dir: string): boolean } {
  // Each folder's answers, not its listing: a folder of thousands of references is asked once per file.
  const folders = new Map<string, { skill: boolean; repository: boolean }>();
  const facts = (dir: string): { skill: boolean; repository: boolean } => {
    let found = folders.get(dir);
    if (found === undefined) {
      let names: string[];
      const known = namesIn(dir);
      if (known) names = [...known];
      else {
        try {
          names = readdirSync(dir);
        } catch {
          names = [];
        }
      }
      found = { skill: names.some((name) => SKILL_FILE.test(name)), repository: names.includes(".git") };
      folders.set(dir, found);
    }
    return found;
  };
  return Object.assign((dir: string) => facts(dir).skill, { isRepositoryRoot: (dir: string) => facts(dir).repository });
}

/**
 * The kind of a markdown file, from its path: SKILL.md is a skill; other markdown under a folder
 * holding a SKILL.md is a skill reference; then docs/solutions, agents/ and commands/ folders.
 */
export function detectKind(
  filePath: string,
  isSkillFolder: ((dir: string) => boolean) & { isRepositoryRoot?(dir: string): boolean } = createSkillFolderProbe(),
): Kind {
  const isRepositoryRoot = isSkillFolder.isRepositoryRoot ?? ((dir: string) => existsSync(path.join(dir, ".git")));
  const normalized = filePath.split(path.sep).join("/");
  const name = path.posix.basename(normalized);
  if (SKILL_FILE.test(name)) return "skill";
  if (MANIFEST_FILE.test(normalized)) return "manifest";
  if (!MARKDOWN.test(name)) return "doc";
  const segments = normalized.split("/").slice(0, -1);
  let dir = path.dirname(path.resolve(filePath));
  // Skill references sit a few folders below their SKILL.md at most; stop at a repository root.
  for (let depth = 0; depth < MAX_REFERENCE_DEPTH; depth++) {
    if (isSkillFolder(dir)) return "skill-reference";
    const parent = path.dirname(dir);
    if (parent === dir || isRepositoryRoot(dir)) break;
    dir = parent;
  }
  const joined = `/${segments.join("/")}/`;
  if (/\/docs\/solutions\//.test(joined)) return "solution";
  if (segments.includes("agents")) return "agent";
  if (segments.includes("commands")) return "command";
  return "doc";
}
