import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { CodeAction, CompletionItem, Hover, Location } from "vscode-languageserver-protocol";
import { LINK_RULES, LINK_RULES_ON, project } from "./helpers.js";
import { LspClient } from "./lsp-client.js";

const DESCRIPTION = "description: Runs the demo checks when asked to verify that the demo project works end to end.";
const RENAMED_TOOL = `---\nname: demo\n${DESCRIPTION}\nallowed-tools: Task, Read\n---\n\n# Demo\n\nRun the checks. See [the guide](guide.md).\n`;

function skill(name: string, body: string): string {
  return `---\nname: ${name}\n${DESCRIPTION}\n---\n\n# ${name}\n\n${body}\n`;
}

let client: LspClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

function start(files: Record<string, string>): { root: string; file: (name: string) => string } {
  const root = project({ ".git/HEAD": "ref: refs/heads/main\n", ...files });
  return { root, file: (name) => path.join(root, name) };
}

/** A server for a new project of these files, with a client that has initialized it. */
async function serve(files: Record<string, string>): Promise<{ root: string; file: (name: string) => string; client: LspClient }> {
  const started = start(files);
  client = new LspClient();
  await client.initialize(started.root);
  return { ...started, client };
}

function apply(text: string, action: CodeAction, uri: string): string {
  const edits = action.edit!.changes![uri]!;
  return TextDocument.applyEdits(TextDocument.create(uri, "markdown", 1, text), edits);
}

describe("skill-lint --lsp", () => {
  it("reports a renamed tool at its range, fixes it with a code action, and then reports nothing", async () => {
    const { root, file } = start({ ".claude/skills/demo/SKILL.md": RENAMED_TOOL, ".claude/skills/demo/guide.md": "# Guide\n" });
    client = new LspClient();
    const init = (await client.initialize(root)) as { capabilities: Record<string, unknown> };
    expect(init.capabilities).toMatchObject({ codeActionProvider: expect.anything(), hoverProvider: true, definitionProvider: true });
    const skillFile = file(".claude/skills/demo/SKILL.md");
    const uri = pathToFileURL(skillFile).href;
    const diagnostics = await client.open(skillFile, RENAMED_TOOL);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "no-unknown-tool", source: "skill-lint", range: { start: { line: 3, character: 15 }, end: { line: 3, character: 19 } } });
    expect(diagnostics[0]!.message).toContain("`Agent`");

    const actions = (await client.codeActions(skillFile, diagnostics[0]!)) as CodeAction[];
    const fix = actions.find((action) => action.isPreferred)!;
    expect(fix.title).toContain("Agent");
    const fixed = apply(RENAMED_TOOL, fix, uri);
    expect(fixed).toContain("allowed-tools: Agent, Read");
    // In the frontmatter (YAML) no HTML comment can switch the rule off, so no such action is offered there.
    expect(actions.map((action) => action.title)).not.toContain("Disable no-unknown-tool for this line");
    expect(await client.change(skillFile, fixed, 2)).toEqual([]);
  });

  it("offers to disable a rule on a body line, and the directive switches the finding off", async () => {
    const text = skill("demo", "Use the `Task` tool to spawn a reviewer.");
    const { file } = await serve({ ".claude/skills/demo/SKILL.md": text });
    const skillFile = file(".claude/skills/demo/SKILL.md");
    const [diagnostic] = await client.open(skillFile, text);
    expect(diagnostic).toBeDefined();
    expect(diagnostic).toMatchObject({ code: "no-unknown-tool", range: { start: { line: 7 } } });
    const actions = (await client.codeActions(skillFile, diagnostic!)) as CodeAction[];
    const disable = actions.find((action) => action.title === "Disable no-unknown-tool for this line")!;
    const disabled = apply(text, disable, pathToFileURL(skillFile).href);
    expect(disabled).toContain("Use the `Task` tool to spawn a reviewer. <!-- skill-lint-disable-line no-unknown-tool -->");
    expect(await client.change(skillFile, disabled, 2)).toEqual([]);

    const hover = (await client.hover(skillFile, 7, 10)) as Hover | null;
    expect(hover).toBeNull();
    const [again] = await client.change(skillFile, text, 3);
    const shown = (await client.hover(skillFile, again!.range.start.line, again!.range.start.character + 1)) as Hover;
    expect((shown.contents as { value: string }).value).toContain("# no-unknown-tool");
  });

  it("goes to the skill a reference names and the file a link names, and completes tool and skill names", async () => {
    const text = skill("caller", "Run `Skill(helper)` first, then read [the guide](guide.md).\n\nThen call Skill(");
    const { file } = await serve({
      ".claude/skills/caller/SKILL.md": text,
      ".claude/skills/caller/guide.md": "# Guide\n",
      ".claude/skills/helper/SKILL.md": skill("helper", "Helps."),
      ".claude/agents/reviewer.md": `---\nname: reviewer\ndescription: Reviews a change when asked to.\ntools: Read\n---\n\nReview it.\n`,
    });
    const caller = file(".claude/skills/caller/SKILL.md");
    await client.open(caller, text);
    const toSkill = (await client.definition(caller, 7, 12)) as Location[];
    expect(toSkill.map((location) => fileURLToPath(location.uri))).toEqual([file(".claude/skills/helper/SKILL.md")]);
    expect(toSkill[0]!.range.start).toEqual({ line: 1, character: 6 });
    const toGuide = (await client.definition(caller, 7, 50)) as Location[];
    expect(toGuide.map((location) => fileURLToPath(location.uri))).toEqual([file(".claude/skills/caller/guide.md")]);

    const skills = (await client.completion(caller, 9, 16)) as CompletionItem[];
    expect(skills.map((item) => item.label)).toEqual(expect.arrayContaining(["helper", "caller"]));

    const agent = file(".claude/agents/reviewer.md");
    const agentText = `---\nname: reviewer\ndescription: Reviews a change when asked to.\ntools: Read, \nskills:\n  - \n---\n\nReview it.\n`;
    await client.open(agent, agentText);
    const tools = ((await client.completion(agent, 3, 13)) as CompletionItem[]).map((item) => item.label);
    expect(tools).toEqual(expect.arrayContaining(["Agent", "Bash", "Read", "Skill"]));
    expect(tools).not.toContain("Task");
    const preloaded = ((await client.completion(agent, 5, 4)) as CompletionItem[]).map((item) => item.label);
    expect(preloaded).toEqual(expect.arrayContaining(["helper"]));
  });

  it("goes to a plugin's command and skill from `/plugin:command` and `plugin:skill`, and completes subagent names", async () => {
    const text = "# Notes\n\nRun `/tools:deploy` after the `tools:pdf` skill.\n\nThen spawn subagent_type: \"\n";
    const { file } = await serve({
      "CLAUDE.md": text,
      "plugins/tools/.claude-plugin/plugin.json": JSON.stringify({ name: "tools" }),
      "plugins/tools/commands/deploy.md": "---\ndescription: Deploys the app.\n---\n\nDeploy it.\n",
      "plugins/tools/skills/pdf/SKILL.md": skill("pdf", "Reads PDFs."),
      "plugins/tools/agents/checker.md": "---\nname: checker\ndescription: Checks a deploy when asked to.\n---\n\nCheck it.\n",
    });
    await client!.open(file("CLAUDE.md"), text);
    const command = (await client!.definition(file("CLAUDE.md"), 2, 8)) as Location[];
    expect(command.map((location) => fileURLToPath(location.uri))).toEqual([file("plugins/tools/commands/deploy.md")]);
    const pdf = (await client!.definition(file("CLAUDE.md"), 2, 33)) as Location[];
    expect(pdf.map((location) => fileURLToPath(location.uri))).toEqual([file("plugins/tools/skills/pdf/SKILL.md")]);
    const agents = ((await client!.completion(file("CLAUDE.md"), 4, 27)) as CompletionItem[]).map((item) => item.label);
    expect(agents).toEqual(expect.arrayContaining(["checker", "general-purpose"]));
  });

  it("lets an unsaved buffer win over the disk, and re-lints the open documents that depend on it", async () => {
    const caller = skill("caller", "Run `Skill(helper)` first.");
    const { file } = await serve({ ...LINK_RULES_ON, ".claude/skills/caller/SKILL.md": caller, ".claude/skills/other/SKILL.md": skill("other", "Other.") });
    const callerFile = file(".claude/skills/caller/SKILL.md");
    const [missing] = await client.open(callerFile, caller);
    expect(missing).toMatchObject({ code: "no-unknown-reference" });

    // A new skill typed into an editor, not saved yet: the reference resolves at once.
    const helperFile = file(".claude/skills/helper/SKILL.md");
    const callerAgain = client.diagnostics(pathToFileURL(callerFile).href);
    await client.open(helperFile, skill("helper", "Helps."));
    expect(await callerAgain).toEqual([]);

    // Closed without saving, it is gone: the reference is broken again.
    const broken = client.diagnostics(pathToFileURL(callerFile).href);
    await client.closeDocument(helperFile);
    expect((await broken).map((d) => d.code)).toEqual(["no-unknown-reference"]);

    // On disk, a skill named in its frontmatter answers to that name: a rename in the buffer wins over the file.
    const diskHelper = file(".claude/skills/other/SKILL.md");
    const renamed = client.diagnostics(pathToFileURL(callerFile).href);
    await client.open(diskHelper, skill("other", "Other."));
    await client.change(diskHelper, skill("helper", "Other."), 2);
    expect(await renamed).toEqual([]);
  });

  it("re-lints open documents when a file they read changes on disk, and when the config changes", async () => {
    const text = skill("demo", "See [the guide](guide.md).\n\nUse the `Task` tool.");
    const { file } = await serve({ ...LINK_RULES_ON, ".claude/skills/demo/SKILL.md": text });
    const skillFile = file(".claude/skills/demo/SKILL.md");
    const uri = pathToFileURL(skillFile).href;
    expect((await client.open(skillFile, text)).map((d) => d.code).sort()).toEqual(["no-broken-link", "no-unknown-tool"]);

    mkdirSync(path.dirname(file(".claude/skills/demo/guide.md")), { recursive: true });
    writeFileSync(file(".claude/skills/demo/guide.md"), "# Guide\n");
    let next = client.diagnostics(uri);
    await client.watched([{ file: file(".claude/skills/demo/guide.md"), type: 1 }]);
    expect((await next).map((d) => d.code)).toEqual(["no-unknown-tool"]);

    writeFileSync(file("skill-lint.config.json"), JSON.stringify({ rules: { ...LINK_RULES, "no-unknown-tool": "off" } }));
    next = client.diagnostics(uri);
    await client.watched([{ file: file("skill-lint.config.json"), type: 1 }]);
    expect(await next).toEqual([]);

    unlinkSync(file(".claude/skills/demo/guide.md"));
    next = client.diagnostics(uri);
    await client.watched([{ file: file(".claude/skills/demo/guide.md"), type: 3 }]);
    expect((await next).map((d) => d.code)).toEqual(["no-broken-link"]);
  });

  it("lives in a bundle of its own, which a lint run does not load", () => {
    const bundle = path.resolve(import.meta.dirname, "../dist/bundle");
    expect(readFileSync(path.join(bundle, "lsp.js"), "utf8")).toContain("textDocument/publishDiagnostics");
    // cli.js starts the CLI proper, cli-main.js.
    expect(readFileSync(path.join(bundle, "cli.js"), "utf8")).toContain('import("./cli-main.js")');
    const cli = readFileSync(path.join(bundle, "cli-main.js"), "utf8");
    expect(cli).not.toContain("textDocument/publishDiagnostics");
    expect(cli).toContain('import("./lsp.js")');
  });

  it("shows a broken config as one diagnostic naming the file, not a crash", async () => {
    const text = skill("demo", "Fine.");
    const { file } = await serve({ ".claude/skills/demo/SKILL.md": text, "skill-lint.config.json": "{ rules: " });
    const diagnostics = await client!.open(file(".claude/skills/demo/SKILL.md"), text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toContain("skill-lint.config.json");
    expect(diagnostics[0]!.range.start).toEqual({ line: 0, character: 0 });
  });

  it("lints plugin manifests", async () => {
    const manifest = `{ "name": "Bad Name!", "version": "1.0.0" }\n`;
    const { file } = await serve({ "plugins/demo/.claude-plugin/plugin.json": manifest });
    const diagnostics = await client.open(file("plugins/demo/.claude-plugin/plugin.json"), manifest, "json");
    expect(diagnostics.map((d) => d.code)).toContain("plugin-manifest");
  });
});
