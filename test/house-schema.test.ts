import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/index.js";
import { project } from "./helpers.js";

/** A solution doc of a project whose docs keep their own schema: `track`, `problem`, `components`, no `module`. */
function houseDoc(title: string, extra = ""): string {
  return `---
title: '${title}'
date: 2026-02-11
category: build-errors
track: bug
problem: '${title}'
tags: [ci, schemas]
components:
  - scripts/validate.sh
${extra}---

# ${title}

## Problem

CI failed.

## Root Cause

A step ran too early.

## Solution

Run it later.

## Prevention

One script for CI and the hook.
`;
}

function solutionFindings(files: Record<string, string>, file: string): string[] {
  // solution-frontmatter is off by default: the project's config turns it on.
  const root = project({ "skill-lint.config.json": `${JSON.stringify({ rules: { "solution-frontmatter": "error" } })}\n`, ...files });
  const full = path.join(root, file);
  const { findings } = lintText(readFileSync(full, "utf8"), { filePath: full, cwd: root, projectRoot: root });
  return findings.filter((finding) => finding.ruleId === "solution-frontmatter").map((finding) => `${finding.line}:${finding.column} ${finding.message}`);
}

const house = {
  "docs/solutions/build-errors/a.md": houseDoc("Schema check ran before generation"),
  "docs/solutions/build-errors/b.md": houseDoc("Lockfile drift"),
  "docs/solutions/workflow/c.md": houseDoc("Hook read a stale index"),
  "docs/solutions/workflow/d.md": houseDoc("Merge queue skipped checks"),
};

describe("solution-frontmatter in a project with a schema of its own", () => {
  it("does not hold a doc with a leftover problem_type to keys and vocabularies the project's docs do not use", () => {
    const doc = houseDoc("Ajv strict mode", "problem_type: ci-configuration\nseverity: high\nsymptoms: [a, b, c, d, e, f]\n");
    expect(solutionFindings({ ...house, "docs/solutions/build-errors/e.md": doc }, "docs/solutions/build-errors/e.md")).toEqual([]);
  });

  it("still reports a value of the wrong shape, which no schema accepts", () => {
    const doc = houseDoc("Ajv strict mode", "problem_type: ci-configuration\nseverity:\n  critical: 1\n  total: 1\n");
    expect(solutionFindings({ ...house, "docs/solutions/build-errors/e.md": doc }, "docs/solutions/build-errors/e.md")).toEqual([
      "12:3 `severity` must be text, not a mapping.",
    ]);
  });

  it("checks the doc against the compound-engineering schema when most of the project's docs follow it", () => {
    const doc = houseDoc("Ajv strict mode", "problem_type: ci-configuration\n");
    const findings = solutionFindings({ "docs/solutions/build-errors/a.md": doc }, "docs/solutions/build-errors/a.md");
    expect(findings.some((finding) => finding.includes("Missing `module`"))).toBe(true);
    expect(findings.some((finding) => finding.includes("Unexpected `problem_type: ci-configuration`"))).toBe(true);
  });

  it("checks every doc against the compound-engineering schema with checkAll", () => {
    const config = JSON.stringify({ rules: { "solution-frontmatter": ["error", { checkAll: true }] } });
    const doc = houseDoc("Ajv strict mode", "problem_type: ci-configuration\n");
    const findings = solutionFindings({ ...house, "skill-lint.config.json": config, "docs/solutions/build-errors/e.md": doc }, "docs/solutions/build-errors/e.md");
    expect(findings.some((finding) => finding.includes("Missing `module`"))).toBe(true);
  });
});
