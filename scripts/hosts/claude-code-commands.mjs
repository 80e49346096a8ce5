/**
 * Claude Code's built-in slash commands, read from the program it publishes on npm.
 *
 *   node scripts/hosts/claude-code-commands.mjs <node_modules folder>   write src/hosts/claude-code/commands.generated.json
 *   node scripts/hosts/claude-code-commands.mjs <node_modules folder> --out <file>
 *
 * The folder is one where `npm i @anthropic-ai/claude-code` was run (with HOME in a temp folder: the program is
 * not started, only read). The program is `cli.js` in `@anthropic-ai/claude-code` for the older releases and the
 * `claude` binary of the platform package (`@anthropic-ai/claude-code-linux-x64`) for the native ones. It defines
 * each command as an object `{type:"local"|"local-jsx"|"prompt", name:"...", aliases:[...], ...}`, and registers
 * each bundled skill (which the user runs as `/name` too) with a call `f({name:"...", description:...})`.
 * Commands the program hides are listed all the same: a doc may name one it calls built in.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OUTPUT = path.join(ROOT, "src/hosts/claude-code/commands.generated.json");

const args = process.argv.slice(2);
const folder = args.find((arg, i) => !arg.startsWith("--") && args[i - 1] !== "--out");
if (!folder) {
  console.error("usage: node scripts/hosts/claude-code-commands.mjs <node_modules folder> [--out <file>]");
  process.exit(2);
}
const out = args.includes("--out") ? path.resolve(args[args.indexOf("--out") + 1]) : OUTPUT;

const main = JSON.parse(readFileSync(path.join(folder, "@anthropic-ai/claude-code/package.json"), "utf8"));
const candidates = [
  ["@anthropic-ai/claude-code", "cli.js"],
  ["@anthropic-ai/claude-code", "cli.mjs"],
  ["@anthropic-ai/claude-code-linux-x64", "claude"],
];
let program;
for (const [pkg, file] of candidates) {
  try {
    program = { pkg, file, text: readFileSync(path.join(folder, pkg, file), "latin1") };
    break;
  } catch {
    // not in this release
  }
}
if (!program) {
  console.error(`no program found under ${folder}: looked for ${candidates.map(([pkg, file]) => `${pkg}/${file}`).join(", ")}`);
  process.exit(2);
}

const NAME = String.raw`[a-z][a-z0-9-]*`;
const names = new Set();
// A command object: its type and its name within the same braces, in either order.
for (const match of program.text.matchAll(/\{[^{}]{0,400}type:"(?:local|local-jsx|prompt)"[^{}]{0,400}/g)) {
  const body = match[0];
  for (const name of body.matchAll(new RegExp(String.raw`[{,]name:"(${NAME})"`, "g"))) names.add(name[1]);
  for (const list of body.matchAll(/aliases:\[([^\]]*)\]/g)) for (const alias of list[1].matchAll(new RegExp(`"(${NAME})"`, "g"))) names.add(alias[1]);
}
// A bundled skill: `f({name:"loop",description:...})`.
for (const match of program.text.matchAll(new RegExp(String.raw`[\w$]{1,5}\(\{name:"(${NAME})",(?:menuDescription|description|aliases|userInvocable)\b`, "g"))) names.add(match[1]);

const version = JSON.parse(readFileSync(path.join(folder, program.pkg, "package.json"), "utf8")).version;
const data = { source: `npm:${program.pkg}@${version}/${program.file}`, release: main.version, commands: [...names].sort() };
writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
console.log(`${data.commands.length} commands from ${data.source} -> ${path.relative(process.cwd(), out)}`);
