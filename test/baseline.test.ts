import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BROKEN_SKILL, FORMER_DEFAULTS_ON, project, runCli } from "./helpers.js";

/** A skill that links twice, on two identical lines, to a runbook nobody wrote: two errors with one fingerprint. */
const TRIAGE_SKILL = `---
name: triage
description: Triages new issues by labelling them and linking the runbook.
---

# Triage

- Read the [runbook](reference/runbook.md) before labelling.
- Label the issue with its area and priority.
- Read the [runbook](reference/runbook.md) before labelling.
`;

const TRIAGE = "skills/triage/SKILL.md";
const PARSE = "skills/parse/SKILL.md";
/** A repository: links resolve against its root whichever files a run names; its config turns no-broken-link on. */
const GIT = { ".git/HEAD": "ref: refs/heads/main\n", "skill-lint.config.json": '{ "rules": { "no-broken-link": "error" } }\n' };

interface BaselineJson {
  version: number;
  files: Record<string, Record<string, Record<string, { count: number; message: string }>>>;
}

const readBaseline = (dir: string, name = "skill-lint-baseline.json") => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as BaselineJson;

describe("--baseline FILE", () => {
  it("writes the current problems when FILE does not exist, says so, and exits 0", () => {
    const dir = project({ ...GIT, [TRIAGE]: TRIAGE_SKILL, [PARSE]: BROKEN_SKILL });
    const { code, stdout, stderr } = runCli(["--baseline", "skill-lint-baseline.json"], dir);
    expect(code).toBe(0);
    expect(stderr).toBe(
      "skill-lint: wrote the baseline skill-lint-baseline.json with 3 problems in 2 files; runs with --baseline skill-lint-baseline.json report only problems not in it\n",
    );
    expect(stdout).toContain("3 problems hidden by the baseline skill-lint-baseline.json.");
    expect(stdout).not.toContain("error");
    const baseline = readBaseline(dir);
    expect(baseline.version).toBe(1);
    expect(Object.keys(baseline.files)).toEqual([PARSE, TRIAGE]);
    const links = Object.values(baseline.files[TRIAGE]!["no-broken-link"]!);
    expect(links).toEqual([{ count: 2, message: expect.stringContaining("Link target `reference/runbook.md` does not exist") }]);
    expect(Object.keys(baseline.files[PARSE]!)).toEqual(["frontmatter-yaml"]);
    expect(readFileSync(path.join(dir, "skill-lint-baseline.json"), "utf8")).toMatch(/^\{\n {2}"version": 1,\n {2}"files": \{\n[\s\S]*\}\n$/);
  });

  it("then hides the known problems, however the lines move, and reports the new ones", () => {
    const dir = project({ ...GIT, [TRIAGE]: TRIAGE_SKILL, [PARSE]: BROKEN_SKILL });
    runCli(["--baseline", "skill-lint-baseline.json"], dir);
    const before = readFileSync(path.join(dir, "skill-lint-baseline.json"), "utf8");
    // Lines added above the known problems, and a new problem below them.
    const moved = TRIAGE_SKILL.replace("# Triage\n", "# Triage\n\nNew issues arrive in the triage queue.\n\n").concat("- Page the [on-call engineer](reference/on-call.md).\n");
    writeFileSync(path.join(dir, TRIAGE), moved);
    const { code, stdout, stderr } = runCli(["--baseline", "skill-lint-baseline.json"], dir);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/ 14:31 +error +Link target `reference\/on-call\.md` does not exist/);
    expect(stdout).not.toContain("reference/runbook.md");
    expect(stdout).toContain("✖ 1 problem (1 error, 0 warnings)");
    expect(stdout).toContain("3 problems hidden by the baseline skill-lint-baseline.json.");
    expect(readFileSync(path.join(dir, "skill-lint-baseline.json"), "utf8")).toBe(before);
  });

  it("a message that points into another file keeps its fingerprint when that file's lines move", () => {
    const agent = (description: string, model = "") => `---\n${model}name: reviewer\ndescription: ${description}\n---\n\nReview the diff.\n`;
    const dir = project({
      ...GIT,
      ...FORMER_DEFAULTS_ON,
      ".claude/agents/reviewer.md": agent("Reviews the diff for bugs before a merge."),
      ".claude/agents/style-reviewer.md": agent("Reviews the style of the diff before a merge."),
    });
    runCli(["--baseline", "skill-lint-baseline.json"], dir);
    writeFileSync(path.join(dir, ".claude/agents/style-reviewer.md"), agent("Reviews the style of the diff before a merge.", "model: sonnet\n"));
    const { code, stdout } = runCli(["--baseline", "skill-lint-baseline.json"], dir);
    expect(code).toBe(0);
    expect(stdout).toContain("2 problems hidden by the baseline skill-lint-baseline.json.");
  });

  it("counts: with two known and three found, one is new", () => {
    const dir = project({ ...GIT, [TRIAGE]: TRIAGE_SKILL });
    runCli(["--baseline", "skill-lint-baseline.json"], dir);
    writeFileSync(path.join(dir, TRIAGE), `${TRIAGE_SKILL}- Read the [runbook](reference/runbook.md) before labelling.\n`);
    const { code, stdout } = runCli(["--baseline", "skill-lint-baseline.json", "-f", "json"], dir);
    expect(code).toBe(1);
    const [result] = JSON.parse(stdout) as Array<{ messages: Array<{ line: number }>; suppressedMessages: Array<{ line: number; suppressions: unknown }>; errorCount: number }>;
    expect(result!.errorCount).toBe(1);
    expect(result!.messages.map((m) => m.line)).toEqual([11]);
    expect(result!.suppressedMessages.map((m) => [m.line, m.suppressions])).toEqual([
      [8, [{ kind: "file", justification: "" }]],
      [10, [{ kind: "file", justification: "" }]],
    ]);
  });

  it("holds paths relative to its own folder, so it works from any folder", () => {
    const dir = project({ ...GIT, [TRIAGE]: TRIAGE_SKILL });
    mkdirSync(path.join(dir, "ci"));
    runCli(["--baseline", "ci/skill-lint-baseline.json", "skills"], dir);
    expect(Object.keys(readBaseline(dir, "ci/skill-lint-baseline.json").files)).toEqual([`../${TRIAGE}`]);
    const fromSkills = runCli(["--baseline", "../../ci/skill-lint-baseline.json", "."], path.join(dir, "skills", "triage"));
    expect(fromSkills.code).toBe(0);
    expect(fromSkills.stdout).toContain("2 problems hidden by the baseline ../../ci/skill-lint-baseline.json.");
  });

  it("says how many known problems no longer occur, and --update-baseline drops them", () => {
    const dir = project({ ...GIT, [TRIAGE]: TRIAGE_SKILL, [PARSE]: BROKEN_SKILL });
    runCli(["--baseline", "skill-lint-baseline.json"], dir);
    writeFileSync(path.join(dir, TRIAGE), TRIAGE_SKILL.replace("- Read the [runbook](reference/runbook.md) before labelling.\n- Label", "- Label"));
    const stale = runCli(["--baseline", "skill-lint-baseline.json"], dir);
    expect(stale.code).toBe(0);
    expect(stale.stdout).toContain("2 problems hidden by the baseline skill-lint-baseline.json.");
    expect(stale.stdout).toContain("1 problem in the baseline no longer occurs: --update-baseline drops them.");
    const updated = runCli(["--baseline", "skill-lint-baseline.json", "--update-baseline"], dir);
    expect(updated.code).toBe(0);
    expect(updated.stderr).toContain("skill-lint: rewrote the baseline skill-lint-baseline.json with 2 problems in 2 files");
    expect(Object.values(readBaseline(dir).files[TRIAGE]!["no-broken-link"]!).map((known) => known.count)).toEqual([1]);
    expect(runCli(["--baseline", "skill-lint-baseline.json"], dir).stdout).not.toContain("no longer");
  });

  it("--update-baseline over some paths keeps the entries of the files it did not lint", () => {
    const dir = project({ ...GIT, [TRIAGE]: TRIAGE_SKILL, [PARSE]: BROKEN_SKILL });
    runCli(["--baseline", "skill-lint-baseline.json"], dir);
    writeFileSync(path.join(dir, TRIAGE), `${TRIAGE_SKILL}- Page the [on-call engineer](reference/on-call.md).\n`);
    const updated = runCli(["--baseline", "skill-lint-baseline.json", "--update-baseline", TRIAGE], dir);
    expect(updated).toMatchObject({ code: 0, stderr: expect.stringContaining("rewrote the baseline skill-lint-baseline.json with 4 problems in 2 files") });
    const baseline = readBaseline(dir);
    expect(Object.keys(baseline.files)).toEqual([PARSE, TRIAGE]);
    expect(Object.values(baseline.files[TRIAGE]!["no-broken-link"]!).map((known) => known.count).sort()).toEqual([1, 2]);
    expect(runCli(["--baseline", "skill-lint-baseline.json"], dir).code).toBe(0);
  });

  it("a file that is not a baseline is a one-line error naming it, exit 2, and is left as it was", () => {
    const dir = project({ [TRIAGE]: TRIAGE_SKILL, "skill-lint-baseline.json": '{ "version": 1, "files": { "skills/triage/SKILL.md": { "no-broken-link": { "x": { "count": "2" } } } } }' });
    const { code, stdout, stderr } = runCli(["--baseline", "skill-lint-baseline.json"], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `skill-lint: ${path.join(dir, "skill-lint-baseline.json")}: not a skill-lint baseline: "files.skills/triage/SKILL.md.no-broken-link.x.count" must be a whole number of at least 1; ` +
        "delete the file and run with --baseline again to write it anew\n",
    );
    writeFileSync(path.join(dir, "broken.json"), "{ version: 1 ");
    const broken = runCli(["--baseline", "broken.json"], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`^skill-lint: ${path.join(dir, "broken.json").replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")}: invalid JSON in the baseline: .+\n$`));
    expect(readFileSync(path.join(dir, "broken.json"), "utf8")).toBe("{ version: 1 ");
  });

  it("--update-baseline without --baseline, or --stdin writing one, is a usage error", () => {
    const dir = project({ ...GIT, [TRIAGE]: TRIAGE_SKILL });
    expect(runCli(["--update-baseline"], dir)).toMatchObject({ code: 2, stderr: "skill-lint: --update-baseline needs --baseline FILE, the file to rewrite\n" });
    const stdin = runCli(["--stdin", "--stdin-filename", TRIAGE, "--baseline", "new.json"], dir, TRIAGE_SKILL);
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toBe("skill-lint: --stdin cannot write the baseline new.json: write it with a run over the repository's paths\n");
  });

  it("hides the known problems of standard input too", () => {
    const dir = project({ ...GIT, [TRIAGE]: TRIAGE_SKILL });
    runCli(["--baseline", "skill-lint-baseline.json"], dir);
    const { code, stdout } = runCli(["--stdin", "--stdin-filename", TRIAGE, "--baseline", "skill-lint-baseline.json"], dir, TRIAGE_SKILL);
    expect(code).toBe(0);
    expect(stdout).toContain("2 problems hidden by the baseline skill-lint-baseline.json.");
  });
});
