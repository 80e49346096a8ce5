import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { lintText } from "../src/index.js";
import { fixtureFiles, readExpectations } from "./expectations.js";

/**
 * Every rule has fixtures in fixtures/<rule-id>/valid and fixtures/<rule-id>/invalid. A valid fixture
 * must lint clean under every rule on by default and those fixtures/skill-lint.config.json turns on. Plugin manifests (`.claude-plugin/plugin.json`) are fixtures too. An invalid fixture `x.md` has its expectations beside it in
 * `x.md.expected`, one finding a line: `line:column rule-id [text the message must contain]`.
 */
const root = path.resolve(import.meta.dirname, "../fixtures");

/** Each rule's valid and invalid folders are a project of their own: links and names resolve inside them. */
function lintFixture(file: string) {
  const projectRoot = path.join(root, ...path.relative(root, file).split(path.sep).slice(0, 2));
  return lintText(readFileSync(file, "utf8"), { filePath: file, cwd: path.dirname(file), projectRoot }).findings;
}

describe.each(rules.map((rule) => rule.meta.id))("fixtures of %s", (ruleId) => {
  // A plugin manifest in invalid/ without expectations only declares the plugin its docs refer to: it must lint clean.
  const declaresPlugin = (file: string): boolean => !/\.md$/i.test(file) && !existsSync(`${file}.expected`);
  const invalidFiles = fixtureFiles(path.join(root, ruleId, "invalid"));
  const valid = [...fixtureFiles(path.join(root, ruleId, "valid")), ...invalidFiles.filter(declaresPlugin)];
  const invalid = invalidFiles.filter((file) => !declaresPlugin(file));

  it("has valid and invalid fixtures", () => {
    expect(valid.length).toBeGreaterThan(0);
    expect(invalid.length).toBeGreaterThan(0);
  });

  it.each(valid.map((file) => [path.relative(root, file), file]))("%s lints clean", (_name, file) => {
    const findings = lintFixture(file).map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);
    expect(findings).toEqual([]);
  });

  it.each(invalid.map((file) => [path.relative(root, file), file]))("%s gives exactly its expected findings", (_name, file) => {
    const expectedFile = `${file}.expected`;
    expect(existsSync(expectedFile), `${expectedFile} is missing`).toBe(true);
    const expected = readExpectations(expectedFile);
    expect(expected.some((e) => e.ruleId === ruleId), `${expectedFile} expects no ${ruleId} finding`).toBe(true);
    const findings = lintFixture(file);
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(expected.map((e) => `${e.position} ${e.ruleId}`));
    expected.forEach((e, i) => {
      if (e.contains) expect(findings[i]!.message).toContain(e.contains);
    });
  });
});
