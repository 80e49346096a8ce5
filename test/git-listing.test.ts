import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lint } from "../src/index.js";
import { Project } from "../src/project.js";
import { walkProject, type WalkResult } from "../src/project-files.js";
import { BROKEN_SKILL, GOOD_SKILL, isolatedGitEnv, LINK_RULES_ON, project, runCli } from "./helpers.js";

const hasGit = spawnSync("git", ["--version"]).status === 0;
const home = mkdtempSync(path.join(tmpdir(), "skill-lint-git-home-"));
const gitEnv = { ...process.env, ...isolatedGitEnv(home) };

function git(dir: string, ...args: string[]): void {
  const run = spawnSync("git", args, { cwd: dir, env: gitEnv, encoding: "utf8" });
  expect(run.status, `git ${args.join(" ")}: ${run.stderr}`).toBe(0);
}

function repository(files: Record<string, string>): string {
  const dir = project(files);
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "init", "--allow-empty");
  return dir;
}

const skill = (name: string, extra = "") => GOOD_SKILL.replace("release-notes", name) + extra;

/** The lists the index reads, relative to `dir`, and whether git listed them (its blob ids stamp clean files). */
function listing(dir: string, root = dir): { files: string[]; byGit: boolean } {
  const result: WalkResult = walkProject(root);
  const files = [...result.markdown, ...result.manifests, ...result.workflows].map((file) => path.relative(dir, file).split(path.sep).join("/"));
  return { files, byGit: [...result.stamps.values()].some((stamp) => stamp.startsWith("git:")) };
}

function walked(dir: string, root = dir): string[] {
  process.env.SKILL_LINT_NO_GIT_LISTING = "1";
  try {
    return listing(dir, root).files;
  } finally {
    delete process.env.SKILL_LINT_NO_GIT_LISTING;
  }
}

const saved = { ...process.env };
afterEach(() => {
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "SKILL_LINT_NO_GIT_LISTING"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe.skipIf(!hasGit)("project listing in a git work tree", () => {
  it("lists the files git lists, with the same findings as a walk of the folder", () => {
    const dir = repository({
      ...LINK_RULES_ON,
      ".gitignore": "build/\n",
      "skills/tracked/SKILL.md": skill("tracked", "\nSee [gone](../gone/SKILL.md).\n"),
      "skills/gone/SKILL.md": skill("gone"),
    });
    rmSync(path.join(dir, "skills/gone"), { recursive: true });
    mkdirSync(path.join(dir, "skills/parse"), { recursive: true });
    writeFileSync(path.join(dir, "skills/parse/SKILL.md"), BROKEN_SKILL);
    mkdirSync(path.join(dir, "build/skills/parse"), { recursive: true });
    writeFileSync(path.join(dir, "build/skills/parse/SKILL.md"), BROKEN_SKILL);

    const listed = runCli([".", "-f", "json"], dir);
    const walkedRun = runCli([".", "-f", "json"], dir, undefined, { SKILL_LINT_NO_GIT_LISTING: "1" });
    expect(listed.stderr).toBe("");
    expect(listed.code).toBe(1);
    expect(listed.stdout).toContain("skills/parse/SKILL.md");
    expect(listed.stdout).toContain("gone/SKILL.md");
    expect(listed.stdout).not.toContain("build/");
    expect(listed.stdout).toBe(walkedRun.stdout);
  });

  it("lists an untracked file that no .gitignore covers, in the walk's order", () => {
    const dir = repository({ "skills/a/SKILL.md": skill("a"), "skills/a-b.md": "# A-b\n" });
    mkdirSync(path.join(dir, "skills/new"), { recursive: true });
    writeFileSync(path.join(dir, "skills/new/SKILL.md"), skill("new"));
    writeFileSync(path.join(dir, "skills/a/notes.md"), "# Notes\n");
    const { files, byGit } = listing(dir);
    expect(byGit).toBe(true);
    expect(files).toEqual(["skills/a/SKILL.md", "skills/a/notes.md", "skills/a-b.md", "skills/new/SKILL.md"]);
    expect(files).toEqual(walked(dir));
  });

  it("skips a gitignored file, tracked or not, and what is in an ignored folder", () => {
    const dir = repository({
      ".gitignore": "drafts/\n*.local.md\n",
      "skills/kept/SKILL.md": skill("kept"),
      "skills/sub/.gitignore": "scratch.md\n",
    });
    // Added before the rule that ignores it, so git tracks a file the .gitignore now covers.
    writeFileSync(path.join(dir, "skills/kept/forced.local.md"), "# Forced\n");
    git(dir, "add", "-f", "skills/kept/forced.local.md");
    git(dir, "commit", "-qm", "forced");
    mkdirSync(path.join(dir, "drafts"), { recursive: true });
    writeFileSync(path.join(dir, "drafts/SKILL.md"), skill("draft"));
    writeFileSync(path.join(dir, "skills/sub/scratch.md"), "# Scratch\n");
    writeFileSync(path.join(dir, "skills/sub/kept.md"), "# Kept\n");
    mkdirSync(path.join(dir, "node_modules/pkg"), { recursive: true });
    writeFileSync(path.join(dir, "node_modules/pkg/README.md"), "# Package\n");
    const { files, byGit } = listing(dir);
    expect(byGit).toBe(true);
    expect(files).toEqual(["skills/kept/SKILL.md", "skills/sub/kept.md"]);
    expect(files).toEqual(walked(dir));
  });

  it("walks a folder that is not in a git work tree, without running git", () => {
    const dir = project({ "skills/a/SKILL.md": skill("a"), "docs/guide.md": "# Guide\n" });
    const { files, byGit } = listing(dir);
    expect(byGit).toBe(false);
    expect(files).toEqual(["docs/guide.md", "skills/a/SKILL.md"]);
    // A git that fails: the listing is the walk's.
    const bin = mkdtempSync(path.join(tmpdir(), "skill-lint-nogit-"));
    const marker = path.join(bin, "ran");
    writeFileSync(path.join(bin, "git"), `#!/bin/sh\ntouch ${JSON.stringify(marker)}\nexit 1\n`, { mode: 0o755 });
    const run = runCli(["skills/a/SKILL.md"], dir, undefined, { PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(existsSync(marker), "git was run outside a work tree").toBe(false);
  });

  it("lists a root that is a subfolder of a repository, with the ignore rules above it", () => {
    const dir = repository({ ".gitignore": "*.draft.md\n", "pack/skills/a/SKILL.md": skill("a"), "other/skills/b/SKILL.md": skill("b") });
    writeFileSync(path.join(dir, "pack/skills/a/x.draft.md"), "# Draft\n");
    writeFileSync(path.join(dir, "pack/skills/a/untracked.md"), "# Untracked\n");
    const root = path.join(dir, "pack");
    const { files, byGit } = listing(dir, root);
    expect(byGit).toBe(true);
    expect(files).toEqual(["pack/skills/a/SKILL.md", "pack/skills/a/untracked.md"]);
    expect(files).toEqual(walked(dir, root));
  });

  it("walks submodules, nested repositories and a tracked file that became a folder, as the walk does", () => {
    const inner = repository({ "skills/inner/SKILL.md": skill("inner") });
    const dir = repository({ "skills/a/SKILL.md": skill("a"), "notes": "a file\n" });
    git(dir, "-c", "protocol.file.allow=always", "submodule", "add", "-q", inner, "vendor/inner");
    git(dir, "commit", "-qm", "submodule");
    const nested = path.join(dir, "nested");
    mkdirSync(path.join(nested, "skills/n"), { recursive: true });
    writeFileSync(path.join(nested, "skills/n/SKILL.md"), skill("n"));
    git(nested, "init", "-q");
    rmSync(path.join(dir, "notes"));
    mkdirSync(path.join(dir, "notes"));
    writeFileSync(path.join(dir, "notes/n.md"), "# N\n");
    symlinkSync("../skills/a/SKILL.md", path.join(dir, "notes/link.md"));
    const { files, byGit } = listing(dir);
    expect(byGit).toBe(true);
    expect(files).toEqual(["nested/skills/n/SKILL.md", "notes/n.md", "skills/a/SKILL.md", "vendor/inner/skills/inner/SKILL.md"]);
    expect(files).toEqual(walked(dir));
  });

  it("lists the repository at the root when a hook's GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE name another", () => {
    const other = repository({ "elsewhere/SKILL.md": skill("elsewhere") });
    const dir = repository({ "skills/a/SKILL.md": skill("a") });
    writeFileSync(path.join(dir, "skills/untracked.md"), "# Untracked\n");
    process.env.GIT_DIR = path.join(other, ".git");
    process.env.GIT_WORK_TREE = other;
    process.env.GIT_INDEX_FILE = ".git/index";
    const { files, byGit } = listing(dir);
    expect(byGit).toBe(true);
    expect(files).toEqual(["skills/a/SKILL.md", "skills/untracked.md"]);
    expect(files).toEqual(walked(dir));
  });

  it("reports the same findings from a pre-commit hook as from a walk", async () => {
    const dir = repository({
      ...LINK_RULES_ON,
      "skills/a/SKILL.md": skill("a", "\nUse Skill(helper) first.\n"),
      ".claude/commands/go.md": "---\ndescription: Go\n---\n\nUse Skill(helper) and Skill(helpr).\n",
    });
    mkdirSync(path.join(dir, "skills/helper"), { recursive: true });
    writeFileSync(path.join(dir, "skills/helper/SKILL.md"), skill("helper"));
    const hook = path.join(dir, ".git/hooks/pre-commit");
    const out = path.join(dir, ".git/hook-report.json");
    writeFileSync(hook, `#!/bin/sh\n${JSON.stringify(process.execPath)} ${JSON.stringify(path.resolve("dist/bundle/cli.js"))} .claude/commands/go.md -f json -o ${JSON.stringify(out)} || true\n`, { mode: 0o755 });
    writeFileSync(path.join(dir, ".claude/commands/go.md"), "---\ndescription: Go\n---\n\nUse Skill(helper) and Skill(helpr) now.\n");
    git(dir, "commit", "-qam", "edit");
    const fromHook = JSON.parse(readFileSync(out, "utf8")) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
    const walkedRun = runCli([".claude/commands/go.md", "-f", "json"], dir, undefined, { SKILL_LINT_NO_GIT_LISTING: "1" });
    const messages = fromHook.flatMap((result) => result.messages.map((m) => `${m.ruleId} ${m.message}`));
    expect(messages.some((m) => m.includes("helpr"))).toBe(true);
    expect(messages.some((m) => m.includes("`helper`") && !m.includes("helpr"))).toBe(false);
    expect(fromHook).toEqual(JSON.parse(walkedRun.stdout));
    const results = await lint([".claude/commands/go.md"], { cwd: dir });
    expect(results[0]!.findings.map((f) => f.ruleId)).toEqual(fromHook[0]!.messages.map((m) => m.ruleId));
  });
});

describe.skipIf(!hasGit)("what a listing tells of files it does not list", () => {
  /** Each name's answer in a listing of `dir` made by git and by a walk: true where the listing shows nothing there. */
  function absent(dir: string, asked: Array<[string, string]>): { git: boolean[]; walk: boolean[] } {
    const answers = () => {
      const { folders } = walkProject(dir);
      return asked.map(([folder, name]) => folders.absent(path.join(dir, folder), name));
    };
    const git = answers();
    process.env.SKILL_LINT_NO_GIT_LISTING = "1";
    try {
      return { git, walk: answers() };
    } finally {
      delete process.env.SKILL_LINT_NO_GIT_LISTING;
    }
  }

  it("says a config or manifest is missing only where it read the folder whole and found none, in any case", () => {
    const dir = repository({
      ".gitignore": "build/\n",
      "skills/a/SKILL.md": skill("a"),
      "skills/b/skill-lint.config.json": "{}\n",
      "skills/c/SKILL.md": skill("c"),
    });
    writeFileSync(path.join(dir, "skills/a/skill-lint.config.yaml"), "rules: {}\n");
    mkdirSync(path.join(dir, "plug/.claude-plugin"), { recursive: true });
    writeFileSync(path.join(dir, "plug/.claude-plugin/plugin.json"), "{}\n");
    writeFileSync(path.join(dir, "skills/c/Skill-Lint.Config.json"), "{}\n");
    mkdirSync(path.join(dir, "build/skills/x"), { recursive: true });
    writeFileSync(path.join(dir, "build/skills/x/skill-lint.config.json"), "{}\n");
    mkdirSync(path.join(dir, "node_modules/pkg"), { recursive: true });
    writeFileSync(path.join(dir, "node_modules/pkg/package.json"), "{}\n");
    const asked: Array<[string, string]> = [
      ["skills/a", "skill-lint.config.json"],
      ["skills/a", "skill-lint.config.yaml"],
      ["skills/b", "skill-lint.config.json"],
      ["skills/c", "skill-lint.config.json"],
      ["plug", ".claude-plugin/plugin.json"],
      ["plug", ".claude-plugin/marketplace.json"],
      ["skills", ".claude-plugin/plugin.json"],
      ["build/skills/x", "skill-lint.config.json"],
      ["build", "skill-lint.config.json"],
      ["node_modules/pkg", "package.json"],
      [".", ".git"],
      ["skills/a", "package.json"],
    ];
    const { git, walk } = absent(dir, asked);
    // Untracked, tracked, another case of the name, a folder git or the walk did not enter, `.git`: not said missing.
    expect(git).toEqual([true, false, false, false, false, false, true, false, false, false, false, true]);
    expect(walk).toEqual(git);
  });

  it("asks the disk again about a path a project forgets, and after the listing is made anew", () => {
    const dir = repository({ "skills/a/SKILL.md": skill("a"), "skills/b/SKILL.md": skill("b") });
    const project = new Project(dir);
    expect(project.listedAbsent(path.join(dir, "skills/a"), "gemini-extension.json")).toBe(false);
    expect(project.index.entities.map((entity) => entity.name)).toEqual(["a", "b"]);
    expect(project.listedAbsent(path.join(dir, "skills/a"), "gemini-extension.json")).toBe(true);
    // A file made since the listing: a language server forgets it and its folder.
    writeFileSync(path.join(dir, "skills/a/gemini-extension.json"), "{}\n");
    project.forget(path.join(dir, "skills/a/gemini-extension.json"));
    project.forget(path.join(dir, "skills/a"));
    expect(project.listedAbsent(path.join(dir, "skills/a"), "gemini-extension.json")).toBe(false);
    expect(project.listedAbsent(path.join(dir, "skills/b"), "gemini-extension.json")).toBe(true);
    // A folder made since holding a plugin manifest: the folder is forgotten with the file.
    mkdirSync(path.join(dir, "skills/b/.codex-plugin"));
    writeFileSync(path.join(dir, "skills/b/.codex-plugin/marketplace.json"), "{}\n");
    project.forget(path.join(dir, "skills/b/.codex-plugin/marketplace.json"));
    project.forget(path.join(dir, "skills/b/.codex-plugin"));
    expect(project.listedAbsent(path.join(dir, "skills/b"), ".codex-plugin/marketplace.json")).toBe(false);
    // An unsaved buffer is a file too.
    project.setOverlay(path.join(dir, "skills/skill-lint.config.json"), "{}");
    expect(project.listedAbsent(path.join(dir, "skills"), "skill-lint.config.json")).toBe(false);
  });

  it("finds an untracked plugin and an untracked config from the listing, as a walk does", () => {
    const dir = repository({
      ...LINK_RULES_ON,
      ".claude/commands/go.md": '---\ndescription: Go\n---\n\nRun Task with subagent_type: "tools:reviewer", then Skill(hidden).\n',
    });
    mkdirSync(path.join(dir, "tools/.claude-plugin"), { recursive: true });
    writeFileSync(path.join(dir, "tools/.claude-plugin/plugin.json"), JSON.stringify({ name: "tools" }));
    mkdirSync(path.join(dir, "tools/agents"), { recursive: true });
    writeFileSync(path.join(dir, "tools/agents/reviewer.md"), "---\nname: reviewer\ndescription: Reviews a change when asked to review it before a release.\n---\n\nReview the change.\n");
    mkdirSync(path.join(dir, "vendor/skills/hidden"), { recursive: true });
    writeFileSync(path.join(dir, "vendor/skills/hidden/SKILL.md"), skill("hidden"));
    writeFileSync(path.join(dir, "vendor/skill-lint.config.json"), JSON.stringify({ ignores: ["**"] }));
    const listed = runCli([".claude/commands/go.md", "-f", "json"], dir);
    const walkedRun = runCli([".claude/commands/go.md", "-f", "json"], dir, undefined, { SKILL_LINT_NO_GIT_LISTING: "1" });
    expect(listed.stderr).toBe("");
    const messages = (JSON.parse(listed.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>).flatMap((result) => result.messages);
    expect(messages.filter((m) => m.ruleId === "no-unknown-reference").map((m) => m.message.includes("hidden"))).toEqual([true]);
    expect(listed.stdout).toBe(walkedRun.stdout);
  });
});
