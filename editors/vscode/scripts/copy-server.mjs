// Copies the built skill-lint (../../dist/bundle and the rules' docs pages) into server/, the copy the extension
// runs when the workspace has no skill-lint of its own. Run `npm run build` at the repository root first.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = path.resolve(import.meta.dirname, "..");
const root = path.resolve(here, "..", "..");
const bundle = path.join(root, "dist", "bundle");
if (!existsSync(path.join(bundle, "lsp.js"))) {
  console.error(`${bundle}/lsp.js is missing: run \`npm run build\` in ${root} first`);
  process.exit(1);
}
const server = path.join(here, "server");
rmSync(server, { recursive: true, force: true });
mkdirSync(path.join(server, "dist"), { recursive: true });
cpSync(bundle, path.join(server, "dist", "bundle"), { recursive: true });
cpSync(path.join(root, "docs", "rules"), path.join(server, "docs", "rules"), { recursive: true });
const { name, version, license } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
// The bundle is ES modules, and reads its version from the nearest package.json.
writeFileSync(path.join(server, "package.json"), `${JSON.stringify({ name, version, license, type: "module", private: true }, null, 2)}\n`);
cpSync(path.join(root, "LICENSE"), path.join(here, "LICENSE"));
