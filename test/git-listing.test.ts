import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BROKEN_SKILL, GOOD_SKILL, isolatedGitEnv, project, runCli } from "./helpers.js";

const hasGit = spawnSync("git", ["--version"]).status === 0;

describe.skipIf(!hasGit)("project listing in a git work tree", () => {
  it("lists the files git lists, with the same findings as a walk of the folder", () => {
    const dir = project({
      ".gitignore": "build/\n",
      "skills/tracked/SKILL.md": GOOD_SKILL.replace("release-notes", "tracked") + "\nSee [gone](../gone/SKILL.md).\n",
      "skills/gone/SKILL.md": GOOD_SKILL.replace("release-notes", "gone"),
      "build/skills/parse/SKILL.md": BROKEN_SKILL,
    });
    const home = mkdtempSync(path.join(tmpdir(), "skill-lint-git-"));
    const env = isolatedGitEnv(home);
    const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, env: { ...process.env, ...env }, encoding: "utf8" });
    expect(git("init", "-q").status).toBe(0);
    expect(git("add", "-A").status).toBe(0);
    expect(git("commit", "-qm", "init").status).toBe(0);
    rmSync(path.join(dir, "skills/gone"), { recursive: true });
    mkdirSync(path.join(dir, "skills/parse"), { recursive: true });
    writeFileSync(path.join(dir, "skills/parse/SKILL.md"), BROKEN_SKILL);

    const listed = runCli([".", "-f", "json"], dir);
    const walked = runCli([".", "-f", "json"], dir, undefined, { SKILL_LINT_NO_GIT_LISTING: "1" });
    expect(listed.stderr).toBe("");
    expect(listed.code).toBe(1);
    expect(listed.stdout).toContain("skills/parse/SKILL.md");
    expect(listed.stdout).toContain("gone/SKILL.md");
    expect(listed.stdout).not.toContain("build/");
    expect(listed.stdout).toBe(walked.stdout);
  });
});
