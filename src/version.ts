import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** skill-lint's own package.json: found upward from this module, whether it runs from src/ or dist/src/. */
function readOwnPackage(): { version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return { version: "0.0.0" };
    dir = parent;
  }
  return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
}

export const VERSION: string = readOwnPackage().version;
