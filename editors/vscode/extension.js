// A thin client: it starts `skill-lint --lsp` (the workspace's own skill-lint when it has one, else the bundled
// copy) and passes it the settings. Everything else is the server's.
const fs = require("node:fs");
const path = require("node:path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverModule(context) {
  const configured = vscode.workspace.getConfiguration("skill-lint").get("path");
  if (configured) return configured;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = path.join(folder.uri.fsPath, "node_modules", "skill-lint", "dist", "bundle", "cli.js");
    if (fs.existsSync(local)) return local;
  }
  return context.asAbsolutePath(path.join("server", "dist", "bundle", "cli.js"));
}

function settings() {
  const config = vscode.workspace.getConfiguration("skill-lint");
  const configFile = config.get("configFile");
  const targets = config.get("targets");
  return { ...(configFile ? { configFile } : {}), ...(targets?.length ? { targets } : {}) };
}

async function activate(context) {
  const module = serverModule(context);
  const run = { module, args: ["--lsp"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "skill-lint",
    "skill-lint",
    { run, debug: run },
    {
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "file", pattern: "**/plugin.json" },
        { scheme: "file", pattern: "**/marketplace.json" },
      ],
      initializationOptions: settings(),
      synchronize: {
        configurationSection: "skill-lint",
        fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.md,*.markdown,plugin.json,marketplace.json,skill-lint.config.*,package.json}"),
      },
    },
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("skill-lint.path")) void vscode.commands.executeCommand("workbench.action.restartExtensionHost");
    }),
  );
  await client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
