import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Hover } from "vscode-languageserver-protocol";
import { project } from "./helpers.js";
import { LspClient } from "./lsp-client.js";

const EXTENSION = path.resolve(import.meta.dirname, "../editors/vscode");

describe("the VS Code extension", () => {
  it("packages as a .vsix whose manifest activates on agent docs and runs the bundled server", async (context) => {
    const install = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: EXTENSION, encoding: "utf8", timeout: 300_000 });
    if (install.status !== 0) {
      console.warn(`test/vscode-extension.test.ts: skipped, npm ci in editors/vscode failed (${(install.stderr || String(install.error)).trim().split("\n").at(-1)})`);
      return context.skip();
    }
    const out = mkdtempSync(path.join(tmpdir(), "skill-lint-vsix-"));
    const vsix = path.join(out, "skill-lint.vsix");
    const pack = spawnSync("npx", ["--no-install", "vsce", "package", "--allow-missing-repository", "--out", vsix], { cwd: EXTENSION, encoding: "utf8", timeout: 300_000 });
    expect(pack.status, pack.stderr + pack.stdout).toBe(0);

    const listing = spawnSync("unzip", ["-Z1", vsix], { encoding: "utf8" }).stdout.split("\n");
    expect(listing).toEqual(
      expect.arrayContaining([
        "extension/package.json",
        "extension/extension.js",
        "extension/server/dist/bundle/cli.js",
        "extension/server/dist/bundle/lsp.js",
        "extension/server/docs/rules/no-unknown-tool.md",
        "extension/node_modules/vscode-languageclient/package.json",
      ]),
    );
    expect(listing.some((file) => file.includes("@vscode/vsce"))).toBe(false);

    const manifest = JSON.parse(spawnSync("unzip", ["-p", vsix, "extension/package.json"], { encoding: "utf8" }).stdout) as {
      main: string;
      activationEvents: string[];
      contributes: { configuration: { properties: Record<string, unknown> } };
    };
    expect(manifest.main).toBe("./extension.js");
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(["onLanguage:markdown", "workspaceContains:**/.claude-plugin/plugin.json"]));
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(expect.arrayContaining(["skill-lint.configFile", "skill-lint.targets"]));

    // The copy it ships is a working server: unpacked, it answers as `skill-lint --lsp` does, docs pages and all.
    const unpacked = mkdtempSync(path.join(tmpdir(), "skill-lint-vsix-x-"));
    expect(spawnSync("unzip", ["-q", vsix, "-d", unpacked]).status).toBe(0);
    const cli = path.join(unpacked, "extension/server/dist/bundle/cli.js");
    const version = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../package.json"), "utf8")).version as string;
    expect(spawnSync(process.execPath, [cli, "--version"], { encoding: "utf8" }).stdout.trim()).toBe(version);
    const text = "---\nname: demo\ndescription: Runs the demo checks when asked to verify that the demo project works end to end.\n---\n\n# Demo\n\nUse the `Task` tool.\n";
    const root = project({ ".git/HEAD": "ref: refs/heads/main\n", ".claude/skills/demo/SKILL.md": text });
    const client = new LspClient(cli);
    try {
      await client.initialize(root);
      const [diagnostic] = await client.open(path.join(root, ".claude/skills/demo/SKILL.md"), text);
      expect(diagnostic).toMatchObject({ code: "no-unknown-tool" });
      const hover = (await client.hover(path.join(root, ".claude/skills/demo/SKILL.md"), diagnostic!.range.start.line, diagnostic!.range.start.character + 1)) as Hover;
      expect((hover.contents as { value: string }).value).toContain("# no-unknown-tool");
    } finally {
      await client.close();
    }
  });
});
