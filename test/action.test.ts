// The action as the runner runs it: each step of action.yml's composite run, with its inputs' expressions filled
// in, in bash as the runner starts it, and the runner's variables (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT,
// RUNNER_TEMP, RUNNER_TOOL_CACHE...) pointing to temporary files.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { rules } from "../dist/src/index.js";
import { project } from "./helpers.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "..");

interface ActionStep {
  id?: string;
  uses?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}
const ACTION = parse(readFileSync(path.join(REPO_ROOT, "action.yml"), "utf8")) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
};

const BROKEN = (name: string) => `---\nname: ${name}\ndescription: "a" b\n---\n\n# ${name}\n`;
const CLEAN = "---\nname: notes\ndescription: Writes release notes.\n---\n\n# Notes\n";
/** frontmatter-yaml alone, whose findings are known. */
const CONFIG = JSON.stringify({ rules: Object.fromEntries(rules.map(({ meta }) => [meta.id, meta.id === "frontmatter-yaml" ? "error" : "off"])) });

const made: string[] = [];
function temp(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const dir = project({ "skill-lint.config.json": CONFIG, ...files });
  made.push(dir);
  return dir;
}

/**
 * A `node` that reports `version` (or the real one) to --version and otherwise logs its arguments to `log` and runs
 * the real node: which node ran what.
 */
function fakeNode(file: string, log: string, version?: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const versionLine = version ? `echo v${version}` : `exec "${process.execPath}" --version`;
  writeFileSync(file, `#!/bin/sh\nif [ "$1" = "--version" ]; then ${versionLine}; exit 0; fi\necho "$*" >> "${log}"\nexec "${process.execPath}" "$@"\n`);
  chmodSync(file, 0o755);
}

/** A `node` older than skill-lint runs on, first on the PATH. */
function oldNodeOnPath(): string {
  const bin = temp("skill-lint-old-node-");
  writeFileSync(path.join(bin, "node"), '#!/bin/sh\nif [ "$1" = "--version" ]; then echo v18.20.4; exit 0; fi\nexit 1\n');
  chmodSync(path.join(bin, "node"), 0o755);
  return bin;
}

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  /** What the action left for later steps: GITHUB_PATH and GITHUB_ENV. */
  forLaterSteps: string;
  runnerTemp: string;
}

function runAction(cwd: string, inputs: Record<string, string> = {}, runner: { path?: string; toolCache?: string } = {}): ActionRun {
  const root = temp("skill-lint-runner-");
  const file = (name: string) => {
    writeFileSync(path.join(root, name), "");
    return path.join(root, name);
  };
  const vars = { summary: file("step-summary.md"), output: file("output"), path: file("path"), env: file("env") };
  const runnerTemp = path.join(root, "temp");
  mkdirSync(runnerTemp);
  const values = Object.fromEntries(Object.entries(ACTION.inputs).map(([name, spec]) => [name, inputs[name] ?? spec.default ?? ""]));
  for (const name of Object.keys(inputs)) expect(ACTION.inputs, `input ${name}`).toHaveProperty(name);
  const expand = (text: string) => text.replace(/\$\{\{ *inputs\.([\w-]+) *\}\}/g, (_, name: string) => values[name]!);
  let last = { status: 0 as number | null, stdout: "", stderr: "" };
  const stepOutputs: Record<string, string> = {};
  for (const step of ACTION.runs.steps) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, expand(value)])),
      NO_COLOR: "1",
      GITHUB_ACTION_PATH: REPO_ROOT,
      GITHUB_WORKSPACE: cwd,
      GITHUB_STEP_SUMMARY: vars.summary,
      GITHUB_OUTPUT: vars.output,
      GITHUB_PATH: vars.path,
      GITHUB_ENV: vars.env,
      RUNNER_TEMP: runnerTemp,
      RUNNER_TOOL_CACHE: runner.toolCache ?? path.join(root, "tool-cache"),
      RUNNER_OS: "Linux",
      RUNNER_ARCH: "X64",
      PATH: runner.path ? `${runner.path}${path.delimiter}${process.env.PATH}` : process.env.PATH,
    };
    // How the runner starts a `shell: bash` step.
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step.run!)], { cwd, env, encoding: "utf8" });
    last = { status: result.status, stdout: last.stdout + result.stdout, stderr: last.stderr + result.stderr };
    if (step.id) for (const line of readFileSync(vars.output, "utf8").split("\n").filter(Boolean)) stepOutputs[`${step.id}.${line.split("=")[0]}`] = line.slice(line.indexOf("=") + 1);
    if (result.status !== 0) break;
  }
  const outputs = Object.fromEntries(
    Object.entries(ACTION.outputs).map(([name, { value }]) => [
      name,
      expand(value).replace(/\$\{\{ *steps\.([\w-]+)\.outputs\.([\w-]+) *\}\}/g, (_, id: string, key: string) => stepOutputs[`${id}.${key}`] ?? ""),
    ]),
  );
  return {
    code: last.status,
    stdout: last.stdout,
    stderr: last.stderr,
    summary: readFileSync(vars.summary, "utf8"),
    outputs,
    forLaterSteps: readFileSync(vars.path, "utf8") + readFileSync(vars.env, "utf8"),
    runnerTemp,
  };
}

const skills = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`skills/s${i + 1}/SKILL.md`, BROKEN(`s${i + 1}`)]));

describe("the action", { timeout: 60_000 }, () => {
  it("is one shell step: no setup-node or other action that would change the job's Node.js", () => {
    expect(ACTION.runs.using).toBe("composite");
    expect(ACTION.runs.steps.map((step) => step.uses)).toEqual(ACTION.runs.steps.map(() => undefined));
    expect(ACTION.inputs["node-version"]!.default).toBe("");
  });

  it("lints once: annotations in the log, the SARIF file, the summary with every finding past 10, and the outputs", () => {
    const dir = workspace(skills(12));
    const log = path.join(temp("skill-lint-log-"), "node.log");
    const bin = temp("skill-lint-bin-");
    fakeNode(path.join(bin, "node"), log);
    const run = runAction(dir, { "sarif-file": "skill-lint.sarif" }, { path: bin });
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n").filter((line) => line.startsWith("::error file=skills/"))).toHaveLength(12);
    const cliRuns = readFileSync(log, "utf8").split("\n").filter((line) => line.includes("dist/bundle/cli.js"));
    expect(cliRuns).toHaveLength(1);
    const sarif = JSON.parse(readFileSync(path.join(dir, "skill-lint.sarif"), "utf8")) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results).toHaveLength(12);
    expect(run.summary).toContain("| `frontmatter-yaml` | 12 | 0 |\n| **total** | **12** | **0** |");
    expect(run.summary).toContain("GitHub shows 10 error and 10 warning annotations of a step at most, so here are all 12 findings:");
    for (let i = 1; i <= 12; i++) expect(run.summary).toMatch(new RegExp(`\\| skills/s${i}/SKILL\\.md:3:18 \\| error \\| \`frontmatter-yaml\` \\| Invalid YAML in frontmatter`));
    expect(run.outputs).toEqual({ "sarif-file": "skill-lint.sarif", "error-count": "12", "warning-count": "0" });
    expect(run.forLaterSteps).toBe("");
  });

  it("keeps the summary to the table when the annotations show every finding", () => {
    const run = runAction(workspace({ "skills/parse/SKILL.md": BROKEN("parse"), "skills/notes/SKILL.md": CLEAN }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=skills\/parse\/SKILL\.md,line=3,col=18,.*title=frontmatter-yaml::Invalid YAML/m);
    expect(run.summary).toBe("### skill-lint\n\n| rule | errors | warnings |\n|---|---:|---:|\n| `frontmatter-yaml` | 1 | 0 |\n| **total** | **1** | **0** |\n\n");
    // With no sarif-file asked for, the report is a temporary file.
    expect(run.outputs).toEqual({ "sarif-file": "", "error-count": "1", "warning-count": "0" });
  });

  it("passes a clean workspace, prints the terminal report with format stylish", () => {
    const run = runAction(workspace({ "skills/notes/SKILL.md": CLEAN }), { format: "stylish" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Prevention checklist");
    expect(run.summary).toBe("### skill-lint\n\nNo problems found.\n\n");
    expect(run.outputs["error-count"]).toBe("0");
  });

  it("fails with skill-lint's exit code 2 and says so in the summary when skill-lint cannot run", () => {
    const run = runAction(workspace({ "skills/notes/SKILL.md": CLEAN }), { args: "--max-warnings many" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('skill-lint: --max-warnings needs a whole number (-1 for no limit), got "many"');
    expect(run.summary).toBe("### skill-lint\n\nskill-lint could not run (exit code 2); its error is in the log.\n\n");
  });

  it("runs with Node.js 24 from the tool cache when the runner's node is older than 20, and leaves PATH alone", () => {
    const cache = temp("skill-lint-tool-cache-");
    const log = path.join(cache, "node.log");
    fakeNode(path.join(cache, "node", "22.3.0", "x64", "bin", "node"), `${log}.22`, "22.3.0");
    fakeNode(path.join(cache, "node", "24.1.0", "x64", "bin", "node"), log, "24.1.0");
    const run = runAction(workspace({ "skills/parse/SKILL.md": BROKEN("parse") }), {}, { path: oldNodeOnPath(), toolCache: cache });
    expect(run.code).toBe(1);
    expect(run.outputs["error-count"]).toBe("1");
    expect(readFileSync(log, "utf8")).toContain("dist/bundle/cli.js");
    expect(existsSync(`${log}.22`)).toBe(false);
    expect(run.forLaterSteps).toBe("");
    // node-version picks another from the cache, though the runner's own would do.
    expect(runAction(workspace({ "skills/notes/SKILL.md": CLEAN }), { "node-version": "22" }, { toolCache: cache }).code).toBe(0);
    expect(readFileSync(`${log}.22`, "utf8")).toContain("dist/bundle/cli.js");
  });

  it("downloads Node.js from node-mirror into RUNNER_TEMP when the runner has none, checking its SHA-256", () => {
    const mirror = temp("skill-lint-mirror-");
    const release = path.join(mirror, "latest-v24.x");
    const name = "node-v24.9.0-linux-x64";
    const log = path.join(mirror, "node.log");
    fakeNode(path.join(mirror, "build", name, "bin", "node"), log, "24.9.0");
    mkdirSync(release);
    expect(spawnSync("tar", ["-czf", path.join(release, `${name}.tar.gz`), "-C", path.join(mirror, "build"), name]).status).toBe(0);
    const sum = createHash("sha256").update(readFileSync(path.join(release, `${name}.tar.gz`))).digest("hex");
    const sums = (digest: string) => `${"0".repeat(64)}  node-v24.9.0-darwin-arm64.tar.gz\n${digest}  ${name}.tar.gz\n${"1".repeat(64)}  ${name}.tar.xz\n`;
    writeFileSync(path.join(release, "SHASUMS256.txt"), sums(sum));
    const inputs = { "node-mirror": pathToFileURL(mirror).href };
    const run = runAction(workspace({ "skills/parse/SKILL.md": BROKEN("parse") }), inputs, { path: oldNodeOnPath() });
    expect(run.stderr).not.toContain("skill-lint: no");
    expect(run.code).toBe(1);
    expect(existsSync(path.join(run.runnerTemp, "skill-lint-node", name, "bin", "node"))).toBe(true);
    expect(readFileSync(log, "utf8")).toContain("dist/bundle/cli.js");
    expect(run.forLaterSteps).toBe("");

    writeFileSync(path.join(release, "SHASUMS256.txt"), sums("f".repeat(64)));
    const tampered = runAction(workspace({ "skills/notes/SKILL.md": CLEAN }), inputs, { path: oldNodeOnPath() });
    expect(tampered.code).toBe(2);
    expect(tampered.stderr).toBe(`skill-lint: ${pathToFileURL(mirror).href}/latest-v24.x/${name}.tar.gz does not match its SHA-256 in SHASUMS256.txt\n`);
  });
});
