import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint, lintText, type LintResult } from "../src/engine.js";
import { isHostId, type HostId } from "../src/hosts/index.js";
import { FORMER_DEFAULTS } from "./helpers.js";

/**
 * What the hosts themselves did with each conformance case (recorded by `npm run conformance`, with the host
 * CLIs installed), against what skill-lint says: skill-lint must say "HOST will not load this" exactly when the
 * host refused the doc. Disagreements skill-lint keeps on purpose are listed in docs/conformance.md, each with
 * its reason, and here by doc; any other disagreement fails. Needs no host installed.
 */
const ROOT = path.resolve(import.meta.dirname, "../conformance");

interface Recording {
  host: string;
  version: string;
  docs: Record<string, { verdict: "loaded" | "refused" | "not-found"; reason?: string }>;
}

/** `<host>|<case>/<path>`: disagreements explained in docs/conformance.md. */
const COPIES = "of copies of one skill in several folders the host reads, it loads one; skill-lint does not report copies as a clash";
const KEPT: Record<string, string> = {
  "copilot|same-skill-everywhere/.agents/skills/pdf-tables/SKILL.md": COPIES,
  "copilot|same-skill-everywhere/.claude/skills/pdf-tables/SKILL.md": COPIES,
  "gemini-cli|same-skill-everywhere/.gemini/skills/pdf-tables/SKILL.md": COPIES,
  "opencode|same-skill-everywhere/.agents/skills/pdf-tables/SKILL.md": COPIES,
  "opencode|same-skill-everywhere/.opencode/skills/pdf-tables/SKILL.md": COPIES,
  "opencode|same-skill-everywhere/.claude/skills/pdf-tables/SKILL.md": COPIES,
};

function recordings(): Recording[] {
  const dir = path.join(ROOT, "recorded");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Recording);
}

/** Each case as a repository of its own, copied once. */
const copies = new Map<string, string>();
function caseRoot(name: string): string {
  let dir = copies.get(name);
  if (!dir) {
    dir = mkdtempSync(path.join(tmpdir(), `skill-lint-case-${name}-`));
    cpSync(path.join(ROOT, "cases", name), dir, { recursive: true });
    mkdirSync(path.join(dir, ".git"), { recursive: true });
    copies.set(name, dir);
  }
  return dir;
}

function refuses(host: HostId, root: string, file: string): boolean {
  const findings = lintText(readFileSync(file, "utf8"), { filePath: file, cwd: root, projectRoot: root, targets: [host], rules: FORMER_DEFAULTS }).findings;
  return findings.some((f) => f.hosts?.includes(host) && / will not load this /.test(f.message));
}

/**
 * skill-lint's verdict for one doc under one host: refused when a finding for that host says it will not load
 * the doc, or the plugin the doc belongs to (reported once, on its manifest).
 */
function verdictOf(host: HostId, root: string, file: string): "loaded" | "refused" {
  if (refuses(host, root, file)) return "refused";
  if (file.includes(`${path.sep}.claude${path.sep}`)) return "loaded";
  for (let dir = path.dirname(file); dir.startsWith(root); dir = path.dirname(dir)) {
    const manifest = path.join(dir, ".claude-plugin", "plugin.json");
    if (existsSync(manifest)) return refuses(host, root, manifest) ? "refused" : "loaded";
    if (dir === root) break;
  }
  return "loaded";
}

/** Docs the host saw, with skill-lint's verdict beside the host's; `locate` gives a doc's repository and file. */
function compare(recording: Recording, locate: (doc: string) => { root: string; file: string } | undefined): string[] {
  const host = recording.host as HostId;
  return Object.entries(recording.docs)
    .filter(([doc, { verdict }]) => verdict !== "not-found" && !doc.endsWith(".json") && !KEPT[`${host}|${doc}`])
    .flatMap(([doc, { verdict, reason }]) => {
      const place = locate(doc);
      if (!place) return [];
      const ours = verdictOf(host, place.root, place.file);
      return ours === verdict ? [] : [`${doc}: ${recording.host} ${verdict}${reason ? ` (${reason})` : ""}, skill-lint says ${ours}`];
    });
}

const recorded = recordings().filter((recording) => isHostId(recording.host));

describe.skipIf(recorded.length === 0)("skill-lint against the hosts' own loaders, on conformance/cases", () => {
  for (const recording of recorded) {
    const seen = Object.values(recording.docs).filter(({ verdict }) => verdict !== "not-found").length;
    it(`says ${recording.host} ${recording.version} refuses a doc exactly when it does (${seen} docs it saw)`, () => {
      const inCase = (doc: string) => {
        const [name, ...rest] = doc.split("/");
        const root = caseRoot(name!);
        return { root, file: path.join(root, ...rest) };
      };
      expect(compare(recording, inCase)).toEqual([]);
    });
  }
});

/**
 * The same over the corpus the hosts were also run on (`npm run conformance -- --corpus DIR`), when
 * SKILL_LINT_CORPUS names it (../shared/corpus). Each repository of the corpus is its own project.
 */
const CORPUS = process.env.SKILL_LINT_CORPUS;
const corpusRecordings = (() => {
  const dir = path.join(ROOT, "recorded", "corpus");
  if (!CORPUS || !existsSync(dir)) return [];
  return readdirSync(dir).map((name) => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Recording);
})();

describe.skipIf(corpusRecordings.length === 0)(
  CORPUS ? "skill-lint against the hosts' own loaders, on the corpus" : "on the corpus (skipped: set SKILL_LINT_CORPUS to ../shared/corpus)",
  () => {
    for (const recording of corpusRecordings.filter((r) => isHostId(r.host))) {
      it(`agrees with ${recording.host} ${recording.version} on every corpus doc it saw, but for the copies it kept one of`, async () => {
        const host = recording.host as HostId;
        // One run per repository, as a user would lint it: docs and the plugin manifests above them.
        const byRepository = new Map<string, string[]>();
        for (const [doc, { verdict }] of Object.entries(recording.docs)) {
          const file = path.join(CORPUS!, doc);
          if (verdict === "not-found" || doc.endsWith(".json") || !existsSync(file)) continue;
          const repository = doc.split("/")[0]!;
          byRepository.set(repository, [...(byRepository.get(repository) ?? []), file]);
        }
        const refused = new Set<string>();
        const says = (result: LintResult) => result.findings.some((f) => f.hosts?.includes(host) && / will not load this /.test(f.message));
        for (const [repository, files] of byRepository) {
          const root = path.join(CORPUS!, repository);
          const manifests = new Set<string>();
          for (const file of files) {
            for (let dir = path.dirname(file); dir.startsWith(root) && dir !== root; dir = path.dirname(dir)) {
              if (existsSync(path.join(dir, ".claude-plugin", "plugin.json"))) manifests.add(path.join(dir, ".claude-plugin", "plugin.json"));
            }
          }
          for (const result of await lint([...files, ...manifests], { cwd: root, projectRoot: root, targets: [host] })) if (says(result)) refused.add(result.filePath);
        }
        const pluginRefused = (file: string): boolean => {
          for (let dir = path.dirname(file); dir.length > CORPUS!.length; dir = path.dirname(dir)) {
            const manifest = path.join(dir, ".claude-plugin", "plugin.json");
            if (existsSync(manifest)) return refused.has(manifest);
          }
          return false;
        };
        const disagreements = Object.entries(recording.docs)
          .filter(([doc, { verdict, reason }]) => byRepository.get(doc.split("/")[0]!)?.includes(path.join(CORPUS!, doc)) && verdict !== "not-found" && !/of the same name, instead|duplicate skill name/.test(reason ?? ""))
          .filter(([doc, { verdict }]) => {
            const file = path.join(CORPUS!, doc);
            return (refused.has(file) || pluginRefused(file) ? "refused" : "loaded") !== verdict;
          })
          .map(([doc, { verdict, reason }]) => `${doc}: ${recording.host} ${verdict}${reason ? ` (${reason})` : ""}`);
        // A host that loads one of two same-named commands of two plugins says nothing of the other: a copy, as above.
        expect(disagreements).toEqual([]);
      });
    }
  },
);
