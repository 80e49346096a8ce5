// One measured task per invocation, run by bench/run.mjs as a child process so that its wall time and
// peak RSS are its own: `node bench/tasks.mjs <read|parse|engine> <file-list>`.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

const [task, listFile] = process.argv.slice(2);
const files = readFileSync(listFile, "utf8").split("\n").filter(Boolean);

if (task === "read") {
  let bytes = 0;
  for (const file of files) bytes += (await readFile(file, "utf8")).length;
  console.log(JSON.stringify({ files: files.length, bytes }));
} else if (task === "parse") {
  // The parse floor: every file to a full mdast tree with frontmatter and all of GFM, no rules.
  const { unified } = await import("unified");
  const remarkParse = (await import("remark-parse")).default;
  const remarkFrontmatter = (await import("remark-frontmatter")).default;
  const remarkGfm = (await import("remark-gfm")).default;
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm).freeze();
  let nodes = 0;
  for (const file of files) nodes += processor.parse(await readFile(file, "utf8")).children.length;
  console.log(JSON.stringify({ files: files.length, nodes }));
} else if (task === "engine") {
  // In one thread: the time in lintDocument against the time its tree parses took.
  const root = path.resolve(import.meta.dirname, "..");
  const { lintDocument } = await import(path.join(root, "dist/src/engine.js"));
  const { ConfigResolver } = await import(path.join(root, "dist/src/config.js"));
  const { detectKind } = await import(path.join(root, "dist/src/kinds.js"));
  const { parseStats } = await import(path.join(root, "dist/src/parse.js"));
  const { fallbackRoot, Projects } = await import(path.join(root, "dist/src/project.js"));
  const resolver = new ConfigResolver({ cwd: process.cwd() });
  // One project model for the run, as lint() keeps: the index is built once, not per file.
  const projects = new Projects((file) => resolver.isIgnored(file));
  const outside = fallbackRoot(files, process.cwd());
  let lintMs = 0;
  for (const file of files) {
    const text = await readFile(file, "utf8");
    const config = resolver.resolve(file);
    const kind = config.kind ?? detectKind(file);
    const start = performance.now();
    lintDocument(text, file, config, kind, false, projects.get(projects.rootOf(file, outside)));
    lintMs += performance.now() - start;
  }
  console.log(JSON.stringify({ files: files.length, trees: parseStats.trees, lintMs, parseMs: parseStats.milliseconds }));
} else {
  console.error(`unknown task ${task}`);
  process.exitCode = 2;
}
