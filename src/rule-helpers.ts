import path from "node:path";
import { pathToFileURL } from "node:url";
import { MAX_REFERENCE_DEPTH } from "./kinds.js";
import type { Doc } from "./document.js";
import type { ProjectView } from "./project.js";
import { KINDS, type Kind } from "./types.js";
import { PACKAGE_ROOT } from "./version.js";

/** Every kind of markdown doc (plugin manifests are JSON, and only their own rule reads them). */
export const ALL_KINDS: readonly Kind[] = KINDS.filter((kind) => kind !== "manifest");
/** Kinds whose text an agent follows as instructions. */
/**
 * A template or asset copied elsewhere before use (a skill's `assets/` or `templates/` folder, a file named
 * `*template*`), by its path from the project root: its links resolve where the copy lands, its placeholders are
 * filled in there.
 */
export const TEMPLATE_FILE = /(?:^|[\\/])(?:assets|templates?)[\\/]|template[^\\/]*$/i;
/**
 * A test's input, by its path from the project root: a file under a `fixtures/` (`__fixtures__/`, `testdata/`)
 * folder, which another tool's tests read and whose mistakes are often the point (a sample plugin with a string
 * `author`, an agent without a description).
 */
/** A placeholder to replace in a template file's sample frontmatter: `TODO`, `[What it does]`, `<name>`. */
export const SAMPLE_PLACEHOLDER = /\bTODO\b|\[[A-Z][^\]\n]*\]|<[a-z][\w -]*>/;

/** Whether `text` is a placeholder of a template file (`templates/skill-skeleton/.../SKILL.md`) left to fill in. */
export function isTemplatePlaceholder(text: string, filePath: string, root: string): boolean {
  return SAMPLE_PLACEHOLDER.test(text) && TEMPLATE_FILE.test(path.relative(root, path.resolve(filePath)));
}
export const TEST_FIXTURE = /(?:^|[\\/])(?:__)?(?:fixtures?|testdata)(?:__)?[\\/]/i;
export const INSTRUCTION_KINDS: readonly Kind[] = ["skill", "skill-reference", "agent", "command", "solution", "doc"];

/**
 * A file shipped in skill-lint's package, as a `file:` URL of where it is installed (the package has no
 * published address to link to), or as the package-relative path when the package root is not found.
 */
export function packageFileUrl(relative: string): string {
  return PACKAGE_ROOT ? pathToFileURL(path.join(PACKAGE_ROOT, relative)).href : relative;
}

/** A rule's docs page: under the config's `docsBaseUrl` when set, else the page shipped in the package. */
export function docsUrl(ruleId: string, docsBaseUrl?: string): string {
  if (!docsBaseUrl) return packageFileUrl(`docs/rules/${ruleId}.md`);
  return new URL(`${ruleId}.md`, docsBaseUrl.endsWith("/") ? docsBaseUrl : `${docsBaseUrl}/`).href;
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

/**
 * A dated record states the facts of its date: a plan, report, changelog, research note, retrospective or archive,
 * by its file or folder name, or a doc whose frontmatter carries its `date:`. Only instructions go stale. A skill's,
 * subagent's or command's name is what it does (a `release-notes` skill instructs), so for them only `date:` counts.
 */
const RECORD_NAME = /(?:^|[/_.-])(?:change-?log|history|release-?notes|releases|plans?|reports?|research|notes|archived?|retros?|retrospectives?|post-?mortems?|journal|decisions?|adr|minutes)(?:$|[/_.-])/i;

export function isDatedRecord(doc: Doc, kind: Kind, relativePath: string): boolean {
  const named = kind !== "skill" && kind !== "agent" && kind !== "command";
  if (named && RECORD_NAME.test(relativePath.replace(/\.md$/i, ""))) return true;
  const date = doc.frontmatter?.yaml.get("date");
  return date !== undefined && date !== null && String(date).trim() !== "";
}

/** Sections where history belongs: the best-practices guide's "Old patterns", and its kin. */
const HISTORY_HEADING = /\b(?:old patterns?|legacy|deprecat\w*|history|historical|change ?log|release notes|what[’']s new|migration notes?|version notes)\b/i;

/** Whether an offset sits in a section whose heading says it holds history ("Old patterns", "Deprecated", ...). */
export function inHistorySection(doc: Doc, offset: number): boolean {
  return doc.sections.some((s) => s.start <= offset && offset < s.end && HISTORY_HEADING.test(s.heading));
}
