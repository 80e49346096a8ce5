// `npm run release:check` on copies of the package, each broken in one way a release must not be.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { commandRunner, isolatedGitEnv } from "./helpers.js";
import { rules } from "../rules/index.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "..");
const SCRIPT = path.join(REPO_ROOT, "scripts", "release-check.mjs");
const PACKAGE = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string; license: string; files: string[] };
/** What the package is made of, and rules/ (the script reads the rule ids from it). */
const COPIED = ["package.json", "README.md", "LICENSE", "rules", "docs/rules", ...PACKAGE.files];

const gitDir = mkdtempSync(path.join(tmpdir(), "skill-lint-gitconfig-"));
const env = { ...process.env, ...isolatedGitEnv(gitDir) };
const { must } = commandRunner(() => env);
const made: string[] = [gitDir];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A committed copy of the package, changed by `change` before the commit. */
function copy(change: (dir: string) => void = () => {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-release-"));
  made.push(dir);
  for (const entry of new Set(COPIED)) cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
  change(dir);
  must("git", ["init", "-q", "-b", "main"], dir);
  must("git", ["add", "-A"], dir);
  must("git", ["commit", "-q", "-m", "release"], dir);
  return dir;
}

function check(dir: string) {
  const result = spawnSync(process.execPath, [SCRIPT], { cwd: dir, env, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function editPackage(dir: string, edit: (pkg: Record<string, unknown>) => void): void {
  const file = path.join(dir, "package.json");
  const pkg = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  edit(pkg);
  writeFileSync(file, JSON.stringify(pkg, null, 2));
}

const version = PACKAGE.version;

describe("npm run release:check", { timeout: 120_000 }, () => {
  it("passes the package as it is, warning that the release commit has no tag yet", () => {
    const { code, stdout } = check(copy());
    const lines = stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      `✔ version ${version} is semver`,
      `! no tag v${version} yet: tag the release commit with \`git tag v${version}\``,
      `✔ LICENSE holds the ${PACKAGE.license} license package.json names`,
    ]);
    expect(lines[3]).toBe(`✔ the package holds its entry points, README.md, LICENSE and the docs page of each of the ${rules.length} rules`);
    expect(lines[4]).toMatch(/^✔ the package holds no tests, fixtures or sources \(\d+ files\)$/);
    expect(lines.slice(5)).toEqual([`✔ README.md mentions ${version}`, "", "Ready to release.", ""]);
    expect(code).toBe(0);
  });

  it("checks that the version's tag is on HEAD, and that no other version's is", () => {
    const dir = copy();
    must("git", ["tag", `v${version}`], dir);
    expect(check(dir)).toMatchObject({ code: 0, stdout: expect.stringContaining(`✔ tag v${version} is on HEAD\n`) });
    must("git", ["tag", "v9.9.9"], dir);
    expect(check(dir)).toMatchObject({ code: 1, stdout: expect.stringContaining(`✖ HEAD is tagged v9.9.9, but package.json's version is ${version}: make them agree\n`) });
    must("git", ["tag", "-d", "v9.9.9"], dir);
    must("git", ["commit", "-q", "--allow-empty", "-m", "after"], dir);
    expect(check(dir)).toMatchObject({ code: 1, stdout: expect.stringMatching(new RegExp(`✖ tag v${version.replace(/\./g, "\\.")} is on commit [0-9a-f]{12}, not on HEAD`)) });
  });

  it("fails a version that is not semver", () => {
    const { code, stdout } = check(copy((dir) => editPackage(dir, (pkg) => (pkg.version = "0.1"))));
    expect(stdout).toContain('✖ version "0.1" is not semver (MAJOR.MINOR.PATCH, such as 1.0.0)\n');
    expect(stdout.endsWith("\n\n1 of the checks failed.\n")).toBe(true);
    expect(code).toBe(1);
  });

  it("fails a missing LICENSE, or one that is not the license package.json names", () => {
    const missing = check(copy((dir) => rmSync(path.join(dir, "LICENSE"))));
    expect(missing.stdout).toContain(`✖ no LICENSE file; package.json names the license ${PACKAGE.license}\n`);
    expect(missing.stdout).toContain("✖ the package lacks LICENSE\n");
    expect(missing.code).toBe(1);
    const other = check(copy((dir) => editPackage(dir, (pkg) => (pkg.license = "Apache-2.0"))));
    expect(other.stdout).toContain('✖ LICENSE does not open with "Apache License", though package.json\'s license is Apache-2.0\n');
    expect(other.code).toBe(1);
  });

  it("fails a package without a rule's docs page or its CLI", () => {
    const { code, stdout } = check(copy((dir) => {
      rmSync(path.join(dir, "docs", "rules", "encoding.md"));
      rmSync(path.join(dir, "dist", "bundle", "cli.js"));
    }));
    expect(stdout).toContain("✖ the package lacks dist/bundle/cli.js, docs/rules/encoding.md\n");
    expect(code).toBe(1);
  });

  it("fails a package that ships tests or fixtures", () => {
    const { code, stdout } = check(copy((dir) => {
      mkdirSync(path.join(dir, "test"));
      writeFileSync(path.join(dir, "test", "cli.test.ts"), "export {};\n");
      editPackage(dir, (pkg) => (pkg.files = [...(pkg.files as string[]), "test"]));
    }));
    expect(stdout).toContain('✖ the package holds files only development needs: test/cli.test.ts; narrow "files" in package.json\n');
    expect(code).toBe(1);
  });

  it("wants the version in CHANGELOG.md when there is one, else in README.md", () => {
    const silent = check(copy((dir) => writeFileSync(path.join(dir, "CHANGELOG.md"), "# Changes\n\n## 0.0.9\n")));
    expect(silent.stdout).toContain(`✖ CHANGELOG.md does not mention ${version}: say what the release holds\n`);
    expect(silent.code).toBe(1);
    const noted = check(copy((dir) => writeFileSync(path.join(dir, "CHANGELOG.md"), `# Changes\n\n## ${version}\n`)));
    expect(noted.stdout).toContain(`✔ CHANGELOG.md mentions ${version}\n`);
    expect(noted.code).toBe(0);
  });

  it("exits 2 with one line where there is no package.json", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-release-"));
    made.push(dir);
    const { code, stdout, stderr } = check(dir);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: "", stderr: `release-check: cannot read ${path.join(dir, "package.json")} (ENOENT)\n` });
  });
});
