import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of skill-lint's own package.json: found upward from this module, whether it runs from src/,
 * dist/src/ or dist/bundle/. Undefined when the module was copied away from its package.
 */
function findPackageRoot(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT: string | undefined = findPackageRoot();

export const VERSION: string = PACKAGE_ROOT
  ? (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version
  : "0.0.0";
