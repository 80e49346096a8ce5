import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { lintText } from "../src/index.js";
import { fixtureFiles, readExpectations } from "./expectations.js";

/**
 * The seed doc is where skill-lint came from: its Prevention Checklist became the rules, so it must lint clean,
 * and its correct pattern, turned into each mistake of its Symptoms list, must be caught by the matching rule.
 * The variants live in fixtures/seed-variants/ (outside the per-rule folders that fixtures.test.ts reads), with
 * their expectations beside them in the same `line:column rule-id [message text]` format.
 */
const repoRoot = path.resolve(import.meta.dirname, "..");
const seed = path.resolve(repoRoot, "../shared/seed/docs/solutions/skill-patterns/parallel-subagent-background-execution.md");
const variantsRoot = path.join(repoRoot, "fixtures/seed-variants");
const toolsetWithoutTask = { tools: ["Bash", "Read", "Write", "Edit", "Glob", "Grep"] };

/** One rule for each mistake the seed's Symptoms list (and its Key Elements) names. */
const MISTAKE_RULES = [
  "no-unknown-tool",
  "background-needs-run-in-background",
  "fresh-context-subagent",
  "no-wait-on-background",
  "self-contained-prompt",
  "background-completion-notice",
];
/** Every rule on, those off by default too (their pages say why they are). */
const seedRulesOn = { rules: Object.fromEntries(rules.map(({ meta }) => [meta.id, meta.severity])) };

function describeFindings(file: string, config: object) {
  return lintText(readFileSync(file, "utf8"), { filePath: file, cwd: path.dirname(file), config }).findings.map(
    (f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`,
  );
}

describe("the seed doc", () => {
  if (!existsSync(seed)) {
    // Said in the test's name, so the reporter shows why nothing was checked rather than a silent pass.
    it.skip(`is missing at ${seed}: check out the shared folder beside the repository to check that it lints clean`, () => {});
    return;
  }

  it("is read as a solution doc", () => {
    expect(lintText(readFileSync(seed, "utf8"), { filePath: seed, config: {} }).kind).toBe("solution");
  });

  it("lints clean with the default toolset", () => {
    expect(describeFindings(seed, {})).toEqual([]);
    expect(describeFindings(seed, seedRulesOn)).toEqual([]);
  });

  it("lints clean with a toolset that lacks Task (and Agent)", () => {
    expect(describeFindings(seed, toolsetWithoutTask)).toEqual([]);
    expect(describeFindings(seed, { ...toolsetWithoutTask, ...seedRulesOn })).toEqual([]);
  });
});

describe("variants of the seed's correct pattern", () => {
  const files = fixtureFiles(variantsRoot);
  const correct = files.filter((file) => !existsSync(`${file}.expected`));
  const mistaken = files.filter((file) => existsSync(`${file}.expected`));

  it("cover every mistake, one variant each, plus the correct pattern", () => {
    expect(correct.length).toBeGreaterThan(0);
    const ruleOfEach = mistaken.map((file) => [...new Set(readExpectations(`${file}.expected`).map((e) => e.ruleId))]);
    ruleOfEach.forEach((ids, i) => expect(ids, `${mistaken[i]} must hold exactly one mistake`).toHaveLength(1));
    expect(ruleOfEach.map((ids) => ids[0]).sort()).toEqual([...MISTAKE_RULES].sort());
  });

  it.each(correct.map((file) => [path.relative(variantsRoot, file), file]))("%s lints clean with either toolset", (_name, file) => {
    expect(describeFindings(file, seedRulesOn)).toEqual([]);
    expect(describeFindings(file, { ...toolsetWithoutTask, ...seedRulesOn })).toEqual([]);
  });

  it.each(mistaken.map((file) => [path.relative(variantsRoot, file), file]))("%s is caught by the right rule", (_name, file) => {
    const expected = readExpectations(`${file}.expected`);
    const findings = lintText(readFileSync(file, "utf8"), { filePath: file, cwd: path.dirname(file), config: seedRulesOn }).findings;
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(expected.map((e) => `${e.position} ${e.ruleId}`));
    expected.forEach((e, i) => {
      if (e.contains) expect(findings[i]!.message).toContain(e.contains);
    });
  });
});
