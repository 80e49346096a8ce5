/** A SKILL.md body over the line limit, and reference files that link on to further reference files. */
import path from "node:path";
import picomatch from "picomatch";
import type { Nodes } from "mdast";
import type { Doc } from "../src/document.js";
import type { ProjectView } from "../src/project.js";
import { SKILL_FILE } from "../src/kinds.js";
import { docsUrl, skillFileAbove } from "../src/rule-helpers.js";
import type { Rule, RuleContext } from "../src/types.js";

/*
 * Follows Anthropic's "Skill authoring best practices" (platform.claude.com/docs/en/agents-and-tools/agent-skills/
 * best-practices, as copied into obra/superpowers skills/writing-skills/anthropic-best-practices.md): "Keep SKILL.md
 * body under 500 lines for optimal performance", and under "Avoid deeply nested references": "Keep references one
 * level deep from SKILL.md. All reference files should link directly from SKILL.md", because an agent may only
 * preview (`head -100`) a file it reached through another reference. The agentskills.io specification gives the
 * same two limits ("Keep your main SKILL.md under 500 lines", "Keep file references one level deep").
 * "Deep" is the chain of links, not folder depth: `references/api/auth.md` linked from SKILL.md is one level deep.
 */

const MARKDOWN = /\.(?:md|markdown)$/i;
/** A relative path to a markdown file, as written in a link or in backticks. */
const RELATIVE_MARKDOWN_PATH = /^(?!\/|[a-z][a-z0-9+.-]*:)[^\s*?<>|{}$]+\.(?:md|markdown)$/i;

/**
 * The folder holding the SKILL.md that a reference file belongs to, and that SKILL.md's text. Read through the
 * project, so a cached result of this file is dropped when SKILL.md changes.
 */
function findSkill(filePath: string, project: ProjectView): { root: string; text: string } | undefined {
  const skillFile = skillFileAbove(filePath, project);
  const text = skillFile === undefined ? undefined : project.text(skillFile);
  return text === undefined ? undefined : { root: path.dirname(skillFile!), text };
}

interface LinkedFile {
  target: string;
  start: number;
  end: number;
}

/** `my%20notes.md` names `my notes.md`; a malformed escape is left as written. */
function decodePath(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}

/** Markdown links, link definitions and backticked paths to markdown files, outside code blocks. */
function linkedMarkdownFiles(doc: Doc): Array<{ href: string; start: number; end: number; bareName: boolean }> {
  const found: Array<{ href: string; start: number; end: number; bareName: boolean }> = [];
  const stack: Nodes[] = [doc.tree];
  while (stack.length) {
    const node = stack.pop()!;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    if (node.type === "link" || node.type === "definition") {
      const query = node.url.search(/[#?]/);
      const href = decodePath(query < 0 ? node.url : node.url.slice(0, query));
      if (RELATIVE_MARKDOWN_PATH.test(href)) found.push({ href, start, end, bareName: false });
    } else if (node.type === "inlineCode" && RELATIVE_MARKDOWN_PATH.test(node.value)) {
      found.push({ href: node.value, start, end, bareName: !node.value.includes("/") });
    }
    if ("children" in node) for (const child of node.children) stack.push(child as Nodes);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Wording that gives a file to another agent, just before it: "spawn an agent to: read and follow", "a subagent with". */
const HANDS_TO_AGENT = /\b(?:sub-?)?agents?\s+(?:with|to(?:\W+\w+){0,4}?)\W*$/i;

/**
 * Whether the doc hands the file on whole: to an agent it starts ("spawn an agent to: read and follow
 * `${CLAUDE_SKILL_DIR}/partials/x.md`") or to a command in a code block (`--instruction $DIR/partials/x.md`). That
 * agent or program reads the file in full; it is not a reference the agent reading this one previews.
 */
function handedOn(doc: Doc, target: string, here: string, root: string): boolean {
  const names = new Set([path.relative(here, target), path.relative(root, target)].map((name) => name.split(path.sep).join("/")));
  for (const name of names) {
    for (let at = doc.text.indexOf(name); at >= 0; at = doc.text.indexOf(name, at + 1)) {
      const before = doc.text[at - 1] ?? " ";
      const after = doc.text[at + name.length] ?? " ";
      if (/[\w.-]/.test(before) || /[\w-]/.test(after)) continue;
      // A bare name in a code block is as often a line of a folder listing.
      if (doc.codeAt(at)) {
        if (before === "/" || name.includes("/")) return true;
        continue;
      }
      const sentence = doc.sentenceAt(at, at + name.length);
      if (HANDS_TO_AGENT.test(doc.text.slice(sentence.start, at))) return true;
    }
  }
  return false;
}

/** The reference files this reference links to: existing markdown files inside the skill, other than SKILL.md. */
function nestedReferences(doc: Doc, filePath: string, root: string, project: ProjectView): LinkedFile[] {
  const self = path.resolve(filePath);
  const here = path.dirname(self);
  const seen = new Set<string>();
  const nested: LinkedFile[] = [];
  for (const link of linkedMarkdownFiles(doc)) {
    if (doc.isCounterExample(link.start)) continue;
    // Skills write paths from the skill folder ("references/x.md") as often as from the file itself. A bare name
    // in backticks (`README.md` in an example report) names a file beside this one, or no file of the skill at all.
    const candidates = link.bareName ? [path.resolve(here, link.href)] : [path.resolve(here, link.href), path.resolve(root, link.href)];
    const target = candidates.find((file) => MARKDOWN.test(file) && project.fileState(file) === "file" && file.startsWith(root + path.sep));
    if (!target || target === self || SKILL_FILE.test(path.basename(target)) || seen.has(target)) continue;
    seen.add(target);
    if (handedOn(doc, target, here, root)) continue;
    nested.push({ target, start: link.start, end: link.end });
  }
  return nested;
}

function checkBodyLength({ doc, options, report }: RuleContext): void {
  const maxLines = typeof options.maxLines === "number" ? options.maxLines : 500;
  const firstLine = doc.frontmatter ? doc.lines.position(doc.frontmatter.end).line + 1 : 1;
  let lastLine = doc.lines.lineStarts.length;
  while (lastLine >= firstLine && doc.lines.lineStart(lastLine) === doc.lines.lineEnd(lastLine)) lastLine--;
  const bodyLines = lastLine - firstLine + 1;
  if (bodyLines <= maxLines) return;
  const overflow = firstLine + maxLines;
  report({
    message:
      `SKILL.md body is ${bodyLines} lines, over the limit of ${maxLines}: the whole body loads every time the skill ` +
      `triggers. Keep the workflow here and move detail (API reference, long examples, edge cases) into reference ` +
      `files linked directly from SKILL.md.`,
    start: doc.lines.lineStart(overflow),
    end: doc.lines.lineEnd(overflow),
  });
}

/** The end of a markdown file name in raw text, its dot maybe escaped. */
const MARKDOWN_NAME_END = /(?:\.|%2e)(?:md|markdown)(?![a-z0-9])/gi;
/** What cannot be part of a path token in a link, a code span or prose. */
const TOKEN_SEPARATOR = /[\s()[\]<>`'"|*?{}$,;]/;

/**
 * Whether the text names an existing markdown file of the skill that SKILL.md does not: only then can a link
 * be reported, so only then is the file parsed. Names are read from the text's tokens, a superset of its
 * links and code spans; a name the parse could read differently (a backslash escape, an entity) is left to
 * the parse.
 */
function namesFileSkillLacks(text: string, filePath: string, skill: { root: string; text: string }, project: ProjectView): boolean {
  const self = path.resolve(filePath);
  const here = path.dirname(self);
  // A token holding several names is walked back once: the scan stops where the previous name ended.
  let floor = 0;
  let floorStart = 0;
  for (const match of text.matchAll(MARKDOWN_NAME_END)) {
    let start = match.index;
    while (start > floor && !TOKEN_SEPARATOR.test(text[start - 1]!)) start--;
    if (start === floor) start = floorStart;
    floor = match.index + match[0].length;
    floorStart = start;
    const token = text.slice(start, match.index + match[0].length);
    // `my%2Dnotes.md` names `my-notes.md`.
    const name = token.includes("%") ? decodePath(token) : token;
    if (name.includes("\\") || name.includes("&")) return true;
    const base = name.slice(name.lastIndexOf("/") + 1);
    if (SKILL_FILE.test(base) || skill.text.includes(base)) continue;
    const candidates = [path.resolve(here, name), path.resolve(skill.root, name)];
    // A file SKILL.md links to (by a glob or a folder holding it) is one level deep whoever else links it.
    const reported = (file: string): boolean => file !== self && file.startsWith(skill.root + path.sep) && project.fileState(file) === "file" && !linkedFromSkill(file, skill);
    if (candidates.some(reported)) return true;
  }
  return false;
}

/** A backticked glob of markdown files (`` `shared/managed-agents-*.md` ``): SKILL.md names every file it matches. */
const MARKDOWN_GLOB = /`([^`\s*]*\*[^`\s]*\.(?:md|markdown))`/gi;
const globMatchers = new Map<string, Array<(relative: string) => boolean>>();

function globsOf(text: string): Array<(relative: string) => boolean> {
  let matchers = globMatchers.get(text);
  if (!matchers) {
    // Few stars only: a glob of many `*` in one part can take picomatch a long time.
    const globs = [...text.matchAll(MARKDOWN_GLOB)].map((m) => m[1]!).filter((glob) => (glob.match(/\*/g) ?? []).length <= 3);
    matchers = globs.map((glob) => picomatch(glob.replace(/^\.\//, ""), { dot: true }));
    if (globMatchers.size > 100) globMatchers.clear();
    globMatchers.set(text, matchers);
  }
  return matchers;
}

/**
 * Whether SKILL.md points at a file of the skill: by its name, or by a folder that holds it (`references/pulumi/`),
 * which the agent lists to find the file.
 */
function linkedFromSkill(file: string, skill: { root: string; text: string }): boolean {
  if (skill.text.includes(path.basename(file))) return true;
  const relative = path.relative(skill.root, file).split(path.sep).join("/");
  if (globsOf(skill.text).some((matches) => matches(relative))) return true;
  const folders = path.relative(skill.root, path.dirname(file)).split(path.sep).filter(Boolean);
  // Paths written from the skill's folder, or from the folder its references are in (`coded/capabilities/*` in a
  // table of `references/` files).
  for (const from of [0, 1]) {
    for (let depth = folders.length; depth > from; depth--) {
      // The folder itself (`references/pulumi/`), not a path through it (`references/pulumi/api.md`).
      const folder = `${folders.slice(from, depth).join("/")}/`;
      for (let at = skill.text.indexOf(folder); at >= 0; at = skill.text.indexOf(folder, at + 1)) {
        if (!/[\w.-]/.test(skill.text[at + folder.length] ?? "") && (from === 0 || !/[\w.-]/.test(skill.text[at - 1] ?? ""))) return true;
      }
    }
  }
  return false;
}

/** Markdown files a text links to or names in backticks, as raw paths. */
const LINKED_PATH = /\]\(<?([^)\s>]+\.(?:md|markdown))|`([^`\s]+\.(?:md|markdown))`/gi;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The text with its fenced code blocks blanked: a path in an example file's text is not a link the agent follows. */
function withoutCodeBlocks(text: string): string {
  if (!text.includes("```") && !text.includes("~~~")) return text;
  let open: string | undefined;
  return text
    .split("\n")
    .map((line) => {
      const fence = FENCE.exec(line)?.[1];
      if (open === undefined) {
        if (fence) open = fence;
        return fence ? "" : line;
      }
      if (fence && fence[0] === open[0] && fence.length >= open.length && !line.trim().slice(fence.length).trim()) open = undefined;
      return "";
    })
    .join("\n");
}

/** How many reference files the search reads before taking a file as reachable: a huge skill is not walked whole. */
const MAX_REFERENCES_READ = 200;

/**
 * Whether SKILL.md leads to the file: it names the file (or a folder holding it), or a file it leads to links it.
 * Read through the project, so a cached result of this file is dropped when one of them changes.
 */
function reachableFromSkill(file: string, skill: { root: string; text: string }, project: ProjectView): boolean {
  if (linkedFromSkill(file, skill)) return true;
  const queue = [path.join(skill.root, "SKILL.md")];
  const seen = new Set(queue);
  let read = 0;
  while (queue.length) {
    const current = queue.shift()!;
    const text = read === 0 ? skill.text : project.text(current);
    if (++read > MAX_REFERENCES_READ) return true;
    if (text === undefined) continue;
    for (const match of withoutCodeBlocks(text).matchAll(LINKED_PATH)) {
      const href = decodePath(match[1] ?? match[2]!);
      for (const target of [path.resolve(path.dirname(current), href), path.resolve(skill.root, href)]) {
        if (seen.has(target) || !target.startsWith(skill.root + path.sep) || project.fileState(target) !== "file") continue;
        if (target === file) return true;
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return false;
}

function checkReferenceDepth({ doc, filePath, project, report }: RuleContext): void {
  if (!/\.(?:md|markdown)\b/i.test(doc.text)) return;
  const skill = findSkill(filePath, project);
  if (!skill || !namesFileSkillLacks(doc.text, filePath, skill, project)) return;
  // From a file SKILL.md never leads to, the depth of a link says nothing: the file itself is what is unreachable.
  if (!reachableFromSkill(path.resolve(filePath), skill, project)) return;
  const fromSkill = path.relative(skill.root, path.resolve(filePath)).split(path.sep).join("/");
  for (const nested of nestedReferences(doc, filePath, skill.root, project)) {
    const relative = path.relative(skill.root, nested.target).split(path.sep).join("/");
    // Linked from SKILL.md too, it is one level deep already; this link is only a cross-reference.
    if (linkedFromSkill(nested.target, skill)) continue;
    report({
      message:
        `\`${relative}\` is reached only through this reference file (\`${fromSkill}\`), two levels deep from SKILL.md; ` +
        `agents may only preview a file found that way. Link \`${relative}\` directly from SKILL.md, or fold it into this file.`,
      start: nested.start,
      end: nested.end,
    });
  }
}

/**
 * A folder holding a copy of another repository: `vendor/`, `third_party/` (the folders GitHub Linguist counts as
 * vendored), or one named by the full commit id the copy was taken at. Its size and layout are the upstream's; no
 * one here edits them.
 */
const VENDORED_FOLDER = /^(?:vendor|vendored|third[-_]party|[0-9a-f]{40})$/i;

function vendored(relative: string): boolean {
  return relative.split(path.sep).slice(0, -1).some((part) => VENDORED_FOLDER.test(part));
}

const rule: Rule = {
  meta: {
    id: "skill-size",
    description: "SKILL.md stays under the line limit, and reference files are linked from SKILL.md, not from other references.",
    kinds: ["skill", "skill-reference"],
    severity: "warn",
    offByDefault:
      "on seventeen public repositories it had not seen, 20 of 25 sampled findings were true (45 of 50 with the earlier unseen sample): vendored snapshots of other repositories' skills, references handed whole to spawned agents, file names in sample output, a folder of unlinked references counted one level deep",
    docsUrl: docsUrl("skill-size"),
    options: {
      maxLines: { type: "integer", minimum: 1, default: 500, description: "The most lines a SKILL.md body (after the frontmatter) may have." },
    },
  },
  check(context) {
    if (vendored(path.relative(context.project.root, path.resolve(context.filePath)))) return;
    if (context.kind === "skill") checkBodyLength(context);
    else checkReferenceDepth(context);
  },
};

export default rule;
