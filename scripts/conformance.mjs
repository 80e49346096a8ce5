#!/usr/bin/env node
// Records which agent docs each host really loads: installs the host CLIs from npm into a cache outside the
// repository, runs each host's own loader on every case of conformance/cases/ (and on every repository folder of
// --corpus DIR) with HOME in a fresh temporary folder and no network beyond a loopback capture server, and writes
// conformance/recorded/<host>.json. See docs/conformance.md.
//
//   node scripts/conformance.mjs [--host ID]... [--corpus DIR] [--offline-only] [--latest] [--version ID=VER]...
//                                [--no-cases] [--case NAME]... [--out DIR]
//                                [--timeout SECONDS] [--keep-temp]
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const casesDir = path.join(repoRoot, "conformance", "cases");
let recordedDir = path.join(repoRoot, "conformance", "recorded");
const hostsCache = process.env.SKILL_LINT_HOSTS_CACHE || path.join(os.homedir(), ".cache", "skill-lint", "hosts");

// ---------------------------------------------------------------------------------------------------------------
// Command line

function parseArgs(argv) {
  const opts = { hosts: [], cases: [], corpus: undefined, offlineOnly: false, latest: false, versions: {}, timeoutMs: 60_000, keepTemp: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value`);
      return v;
    };
    if (arg === "--host") opts.hosts.push(value());
    else if (arg === "--case") opts.cases.push(value());
    else if (arg === "--corpus") opts.corpus = path.resolve(value());
    else if (arg === "--offline-only") opts.offlineOnly = true;
    else if (arg === "--no-cases") opts.noCases = true;
    else if (arg === "--out") recordedDir = path.resolve(value());
    else if (arg === "--latest") opts.latest = true;
    else if (arg === "--version") {
      const [id, version] = value().split("=");
      if (!id || !version) fail("--version takes ID=VERSION, e.g. --version copilot=1.0.103");
      opts.versions[id] = version;
    } else if (arg === "--timeout") opts.timeoutMs = Number(value()) * 1000;
    else if (arg === "--keep-temp") opts.keepTemp = true;
    else if (arg === "-h" || arg === "--help") {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(1, 9).join("\n").replace(/^\/\/ ?/gm, ""));
      process.exit(0);
    } else fail(`unknown argument ${arg}`);
  }
  if (!(opts.timeoutMs > 0)) fail("--timeout takes a number of seconds");
  return opts;
}

function fail(message) {
  console.error(`conformance: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------------------------
// Processes: every host command runs in its own process group, with a timeout that kills the whole group.

function run(command, args, { cwd, env, timeoutMs, input } = {}) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { cwd, env, detached: true, stdio: ["pipe", "pipe", "pipe"] });
    } catch (error) {
      resolve({ code: null, signal: null, stdout: "", stderr: String(error), timedOut: false, error: String(error) });
      return;
    }
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const killGroup = () => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // the group is gone already
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs ?? 60_000);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.on("error", () => {});
    child.stdin.end(input ?? "");
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout, stderr: stderr + String(error), timedOut, error: String(error) });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      killGroup(); // helpers the host left behind
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** A JSON-RPC session over a child's stdin/stdout (one JSON message a line), for codex app-server. */
function runJsonRpc(command, args, { cwd, env, timeoutMs, requests }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ["pipe", "pipe", "pipe"] });
    const results = {};
    let stderr = "";
    let buffer = "";
    let done = false;
    const finish = (error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone already
      }
      resolve({ results, stderr, error });
    };
    const timer = setTimeout(() => finish(`timed out after ${timeoutMs / 1000} s`), timeoutMs);
    const send = (message) => child.stdin.write(JSON.stringify(message) + "\n");
    let next = 0;
    const sendNext = () => {
      if (next >= requests.length) return finish();
      const request = requests[next++];
      if (request.id === undefined) {
        send(request);
        sendNext();
      } else send(request);
    };
    child.stdin.on("error", () => {});
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d) => {
      buffer += d;
      let newline;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        let message;
        try {
          message = JSON.parse(line);
        } catch {
          continue;
        }
        if (message.id !== undefined && ("result" in message || "error" in message)) {
          results[message.id] = message;
          sendNext();
        }
      }
    });
    child.on("error", (error) => finish(String(error)));
    child.on("close", () => finish(next < requests.length ? "exited before answering" : undefined));
    sendNext();
  });
}

/** A loopback HTTP server that answers every request with an error and keeps the request bodies. */
async function captureServer() {
  const bodies = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      bodies.push({ method: req.method, url: req.url, body });
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ type: "error", error: { type: "invalid_request_error", message: "conformance: no model here" } }));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, bodies, close: () => new Promise((r) => server.close(r)) };
}

// ---------------------------------------------------------------------------------------------------------------
// Cases and docs

const SKIP_DIRS = new Set([".git", "node_modules"]);

function walk(root, rel = "", out = []) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(root, child, out);
    else if (entry.isFile()) out.push(child);
  }
  return out;
}

/** The files of a case that some host could take for a skill, subagent, command or plugin manifest. */
function isAgentDoc(rel) {
  const lower = rel.toLowerCase();
  const base = lower.split("/").pop();
  if (base === "skill.md") return true;
  if (/(?:^|\/)\.claude-plugin\/(?:plugin|marketplace)\.json$/.test(lower)) return true;
  if (!lower.endsWith(".md") || base === "readme.md") return false;
  return /(?:^|\/)(?:agents?|commands?)\//.test(lower) || base.endsWith(".agent.md");
}

/** name and description from a frontmatter, read line by line: good enough to recognise a listed doc. */
function frontmatterFields(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const fields = {};
  if (!match) return fields;
  for (const line of match[1].split(/\r?\n/)) {
    const field = /^(name|description):(.*)$/.exec(line);
    if (field) fields[field[1]] = field[2].trim().replace(/^["']|["']$/g, "");
  }
  return fields;
}

function loadCase(name, dir) {
  const docs = walk(dir)
    .filter(isAgentDoc)
    .sort()
    .map((rel) => {
      const text = fs.readFileSync(path.join(dir, rel), "utf8");
      return { rel, ...(rel.endsWith(".json") ? {} : frontmatterFields(text)), text };
    });
  const plugins = walk(dir)
    .filter((rel) => /(?:^|\/)\.claude-plugin\/plugin\.json$/.test(rel))
    .map((rel) => {
      const root = path.dirname(path.dirname(rel));
      let manifest = {};
      try {
        manifest = JSON.parse(fs.readFileSync(path.join(dir, rel), "utf8"));
      } catch {
        // an unreadable manifest: the hosts say so
      }
      return { manifestRel: rel, root: root === "." ? "" : root, name: typeof manifest.name === "string" ? manifest.name : path.basename(root === "." ? dir : root) };
    });
  return { name, dir, docs, plugins };
}

/** Copies a case to a fresh temporary folder and makes it a git repository (several hosts stop at the git root). */
async function stageCase(kase, tmpRoot, timeoutMs) {
  const dest = fs.mkdtempSync(path.join(tmpRoot, `${kase.name.replace(/[^\w.-]/g, "_")}-`));
  fs.cpSync(kase.dir, dest, { recursive: true, filter: (src) => !SKIP_DIRS.has(path.basename(src)) });
  await run("git", ["init", "-q"], { cwd: dest, env: { PATH: process.env.PATH, HOME: dest }, timeoutMs });
  return dest;
}

function relTo(root, abs) {
  const rel = path.relative(root, abs).split(path.sep).join("/");
  return rel.startsWith("..") ? undefined : rel;
}

function pluginPrefix(kase, doc) {
  const plugin = kase.plugins.find((p) => p.root === "" || doc.rel.startsWith(`${p.root}/`));
  return plugin ? { plugin, inner: plugin.root ? doc.rel.slice(plugin.root.length + 1) : doc.rel } : undefined;
}

/** Names a host may list a doc under: its frontmatter name, its folder or file name, a command's path. */
function candidateNames(kase, doc) {
  const names = new Set();
  const inPlugin = pluginPrefix(kase, doc);
  const rel = inPlugin ? inPlugin.inner : doc.rel;
  const parts = rel.split("/");
  const base = parts[parts.length - 1];
  const stems = [];
  if (base.toLowerCase() === "skill.md") stems.push(parts[parts.length - 2]);
  else stems.push(base.replace(/\.agent\.md$|\.md$/i, ""));
  const commandAt = parts.findIndex((p) => p === "commands" || p === "command");
  if (commandAt >= 0) {
    const inner = parts.slice(commandAt + 1).join("/").replace(/\.md$/i, "");
    stems.push(inner.split("/").join(":"), inner);
  }
  if (doc.name) stems.push(doc.name);
  for (const stem of stems) {
    if (!stem) continue;
    names.add(stem);
    if (inPlugin) names.add(`${inPlugin.plugin.name}:${stem}`);
  }
  return [...names];
}

/** The docs a listed name (and description) stands for: those the host looks at first, then any other. */
function docsNamed(kase, host, name, description, { only } = {}) {
  const pool = kase.docs.filter((d) => (only ? only(d) : true) && candidateNames(kase, d).some((n) => n.toLowerCase() === name.toLowerCase()));
  if (pool.length <= 1) return pool;
  const seen = pool.filter((d) => host.discovers(d.rel, kase));
  const narrowed = seen.length ? seen : pool;
  if (narrowed.length <= 1 || !description) return narrowed;
  const prefix = description.slice(0, 60).toLowerCase();
  const byDescription = narrowed.filter((d) => (d.description ?? "").toLowerCase().startsWith(prefix));
  return byDescription.length ? byDescription : narrowed;
}

// ---------------------------------------------------------------------------------------------------------------
// Hosts

function baseEnv(home, extra = {}) {
  return {
    PATH: `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    TERM: "dumb",
    NO_COLOR: "1",
    LANG: "C.UTF-8",
    TMPDIR: os.tmpdir(),
    ...extra,
  };
}

const lines = (text) => text.split(/\r?\n/);

/** Entries of a "- name: description" list that follows a heading line in a prompt. */
function listAfter(text, heading) {
  const at = text.indexOf(heading);
  if (at < 0) return undefined;
  const entries = [];
  let started = false;
  for (const line of lines(text.slice(at + heading.length))) {
    if (!line.startsWith("- ")) {
      // The list ends at a blank line; other lines go on the description before them.
      if (line.trim() === "") {
        if (started) break;
        continue;
      }
      if (!started) break;
      entries[entries.length - 1].description += `\n${line}`;
      continue;
    }
    started = true;
    const body = line.slice(2);
    const sep = body.indexOf(": ");
    entries.push(sep >= 0 ? { name: body.slice(0, sep), description: body.slice(sep + 2) } : { name: body.replace(/:$/, ""), description: "" });
  }
  return entries;
}

/** A line of a doc's body that a host sends as it is: to recognise the doc in a request. */
function bodyLine(text) {
  const body = text.replace(/^---\r?\n[\s\S]*?\r?\n---(?:\r?\n|$)/, "");
  const line = lines(body).find((l) => l.trim().length >= 20 && !l.includes("$") && !l.includes("!`"));
  return line?.trim().slice(0, 60);
}

/** "Skills (2)  deploy, hello" and "Agents (1)  rev" of `claude plugin details`, which may wrap. */
function inventory(text) {
  const found = {};
  let kind;
  for (const line of lines(text)) {
    const head = /^\s+(Skills|Agents|Hooks|MCP servers|LSP servers) \(\d+\)(.*)$/.exec(line);
    if (head) {
      kind = head[1] === "Skills" || head[1] === "Agents" ? head[1] : undefined;
      if (kind) found[kind] = head[2];
    } else if (kind && /^\s{4,}\S/.test(line)) found[kind] += ` ${line.trim()}`;
    else kind = undefined;
  }
  return Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.split(",").map((n) => n.trim()).filter(Boolean)]));
}

function allStrings(value, out = []) {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) allStrings(v, out);
  return out;
}

function short(text, max = 600) {
  const t = String(text ?? "").trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

const claudeCode = {
  id: "claude-code",
  package: "@anthropic-ai/claude-code",
  version: "2.1.332",
  bin: "claude",
  command: "claude -p (system prompt captured on loopback) + claude plugin validate --json",
  discovers(rel, kase) {
    if (/^\.claude\/skills\/[^/]+\/SKILL\.md$/.test(rel)) return true;
    if (/^\.claude\/(?:agents|commands)\/.+\.md$/.test(rel)) return true;
    const inPlugin = pluginPrefix(kase, { rel });
    if (!inPlugin) return false;
    return /^(?:skills\/[^/]+\/SKILL\.md|agents\/[^/]+\.md|commands\/.+\.md|\.claude-plugin\/plugin\.json)$/.test(inPlugin.inner);
  },
  async record(kase, dir, ctx) {
    const results = {};
    const pluginArgs = kase.plugins.flatMap((p) => ["--plugin-dir", path.join(dir, p.root)]);
    const capture = await captureServer();
    const session = await run(ctx.bin, ["-p", "List the skills you can use.", "--output-format", "json", ...pluginArgs], {
      cwd: dir,
      timeoutMs: ctx.timeoutMs,
      env: baseEnv(ctx.home, {
        ANTHROPIC_BASE_URL: capture.url,
        ANTHROPIC_API_KEY: "sk-ant-conformance-offline",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        DISABLE_AUTOUPDATER: "1",
        DISABLE_TELEMETRY: "1",
        DISABLE_ERROR_REPORTING: "1",
        SLASH_COMMAND_TOOL_CHAR_BUDGET: "100000000", // so that no skill is left out of the prompt for its length
      }),
    });
    await capture.close();
    const prompt = capture.bodies
      .filter((b) => b.method === "POST" && b.url.startsWith("/v1/messages"))
      .map((b) => {
        try {
          return allStrings(JSON.parse(b.body)).join("\n");
        } catch {
          return "";
        }
      })
      .find((t) => t.includes("Available agent types") || t.includes("The following skills are available"));
    if (prompt === undefined) {
      throw new Error(`claude -p sent no prompt to the capture server (exit ${session.code}${session.timedOut ? ", timed out" : ""}): ${short(session.stderr || session.stdout)}`);
    }
    const skills = listAfter(prompt, "The following skills are available for use with the Skill tool:") ?? [];
    const agents = listAfter(prompt, "Available agent types for the Agent tool:") ?? [];
    const isAgent = (d) => /(?:^|\/)agents\/[^/]+\.md$/.test(d.rel) && !/(?:^|\/)commands\//.test(d.rel);
    for (const entry of skills) {
      // A skill whose frontmatter name differs from its folder is listed as "folder (name)".
      const labelled = /^(\S+) \((.+)\)$/.exec(entry.name);
      const only = (d) => !isAgent(d) && !d.rel.endsWith(".json");
      let docs = docsNamed(kase, this, entry.name, entry.description, { only });
      if (!docs.length && labelled) docs = docsNamed(kase, this, labelled[1], entry.description, { only });
      for (const doc of docs) {
        results[doc.rel] = { verdict: "loaded", name: labelled && docs.length ? labelled[1] : entry.name, ...(labelled ? { displayName: labelled[2] } : {}) };
      }
    }
    for (const entry of agents) {
      for (const doc of docsNamed(kase, this, entry.name, entry.description.replace(/ \(Tools: [^)]*\)$/, ""), { only: isAgent })) {
        results[doc.rel] = { verdict: "loaded", name: entry.name };
      }
    }
    // The skill list of the prompt leaves out what the model may not invoke (`disable-model-invocation: true`, a
    // plugin command without a description), which a user still can: those come from `claude plugin details`, the
    // inventory of a plugin's skills and commands, run on each plugin and on a plugin made of links to the
    // project's .claude/skills and .claude/commands. Its agents are not used: it counts agents that a session
    // does not load (one with no frontmatter).
    const inventories = kase.plugins.map((plugin) => ({ root: path.join(dir, plugin.root), name: plugin.name, prefix: `${plugin.name}:`, owns: (d) => pluginPrefix(kase, d)?.plugin === plugin }));
    const project = path.join(ctx.home, "conformance-project");
    for (const part of ["skills", "commands"]) {
      if (!fs.existsSync(path.join(dir, ".claude", part))) continue;
      fs.mkdirSync(path.join(project, ".claude-plugin"), { recursive: true });
      fs.writeFileSync(path.join(project, ".claude-plugin", "plugin.json"), JSON.stringify({ name: "conformance-project" }));
      fs.symlinkSync(path.join(dir, ".claude", part), path.join(project, part));
    }
    if (fs.existsSync(project)) {
      inventories.push({ root: project, name: "conformance-project", prefix: "", owns: (d) => /^\.claude\/(?:skills|commands)\//.test(d.rel) && this.discovers(d.rel, kase) });
    }
    await pool(inventories, 3, async (plugin) => {
      const details = await run(ctx.bin, ["--plugin-dir", plugin.root, "plugin", "details", plugin.name], {
        cwd: dir,
        timeoutMs: ctx.timeoutMs,
        env: baseEnv(ctx.home, { DISABLE_AUTOUPDATER: "1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1" }),
      });
      if (details.code !== 0) return;
      const only = (d) => plugin.owns(d) && !isAgent(d) && !d.rel.endsWith(".json");
      for (const name of inventory(details.stdout).Skills ?? []) {
        for (const doc of docsNamed(kase, this, name, undefined, { only })) {
          results[doc.rel] ??= { verdict: "loaded", name: `${plugin.prefix}${name}`, hiddenFromModel: true };
        }
      }
    });
    // What is still in neither list may be a skill or command that only a user can invoke, with a name the
    // inventory leaves out (a plugin's commands/<folder>/<name>.md): invoke it as `/name` and look for its text in
    // the request.
    for (const doc of kase.docs) {
      if (results[doc.rel] || isAgent(doc) || doc.rel.endsWith(".json") || !this.discovers(doc.rel, kase)) continue;
      const line = bodyLine(doc.text);
      if (!line) continue;
      const inPlugin = pluginPrefix(kase, doc);
      const names = candidateNames(kase, doc).filter((n) => !inPlugin || n.startsWith(`${inPlugin.plugin.name}:`));
      for (const name of names) {
        const invoke = await captureServer();
        await run(ctx.bin, ["-p", `/${name}`, "--output-format", "json", ...pluginArgs], {
          cwd: dir,
          timeoutMs: ctx.timeoutMs,
          env: baseEnv(ctx.home, { ANTHROPIC_BASE_URL: invoke.url, ANTHROPIC_API_KEY: "sk-ant-conformance-offline", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_AUTOUPDATER: "1", DISABLE_TELEMETRY: "1" }),
        });
        await invoke.close();
        const sent = invoke.bodies.some((b) => {
          try {
            return allStrings(JSON.parse(b.body)).some((t) => t.includes(line));
          } catch {
            return false;
          }
        });
        if (sent) {
          results[doc.rel] = { verdict: "loaded", name, hiddenFromModel: true };
          break;
        }
      }
    }
    // The host's own validator: its words for what it refuses or warns about.
    const findings = {};
    const targets = new Set(kase.plugins.map((p) => p.root));
    if (fs.existsSync(path.join(dir, ".claude"))) targets.add(".claude");
    for (const target of targets) {
      const validate = await run(ctx.bin, ["plugin", "validate", "--json", path.join(dir, target)], {
        cwd: dir,
        timeoutMs: ctx.timeoutMs,
        env: baseEnv(ctx.home, { DISABLE_AUTOUPDATER: "1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1" }),
      });
      let report;
      try {
        report = JSON.parse(validate.stdout);
      } catch {
        ctx.note(`claude plugin validate ${target || "."}: no JSON (exit ${validate.code}): ${short(validate.stderr || validate.stdout, 200)}`);
        continue;
      }
      for (const item of [report.manifest, ...(report.contents ?? [])]) {
        if (!item?.file) continue;
        const rel = relTo(dir, item.file);
        if (!rel) continue;
        const f = (findings[rel] ??= { errors: [], warnings: [] });
        for (const e of item.errors ?? []) f.errors.push(`${e.path}: ${e.message}`);
        for (const w of item.warnings ?? []) f.warnings.push(`${w.path}: ${w.message}`);
      }
    }
    for (const plugin of kase.plugins) {
      const loadedParts = Object.entries(results).some(([rel, r]) => r.verdict === "loaded" && pluginPrefix(kase, { rel })?.plugin === plugin);
      const errors = findings[plugin.manifestRel]?.errors ?? [];
      results[plugin.manifestRel] = loadedParts || errors.length === 0 ? { verdict: "loaded", name: plugin.name } : { verdict: "refused", reason: errors.join("; ") };
    }
    for (const doc of kase.docs) {
      const f = findings[doc.rel];
      const r = results[doc.rel];
      if (r?.verdict === "loaded") {
        const words = [...(f?.errors ?? []), ...(f?.warnings ?? [])];
        if (words.length) r.warnings = words;
      } else if (!r) {
        const inPlugin = pluginPrefix(kase, doc);
        const manifestErrors = inPlugin && results[inPlugin.plugin.manifestRel]?.verdict === "refused" ? results[inPlugin.plugin.manifestRel].reason : undefined;
        const words = [...(f?.errors ?? []), ...(f?.warnings ?? [])];
        if (words.length || manifestErrors || this.discovers(doc.rel, kase)) {
          results[doc.rel] = {
            verdict: "refused",
            reason: words.length ? words.join("; ") : manifestErrors ? `plugin not loaded: ${manifestErrors}` : "not listed in the session's skill or agent lists",
          };
        } else results[doc.rel] = { verdict: "not-found" };
      }
    }
    return results;
  },
};

const copilot = {
  id: "copilot",
  package: "@github/copilot",
  version: "1.0.102",
  bin: "copilot",
  command: "copilot skill list --json + copilot --agent <name> -p (agents) + copilot plugin list --json --plugin-dir",
  discovers(rel, kase) {
    if (/^\.(?:github|agents|claude)\/skills\/.+\/SKILL\.md$/.test(rel)) return true;
    if (/^\.github\/agents\/[^/]+\.agent\.md$/.test(rel)) return true;
    if (/^\.claude\/commands\/[^/]+\.md$/.test(rel)) return true;
    const inPlugin = pluginPrefix(kase, { rel });
    if (!inPlugin) return false;
    return /^(?:skills\/[^/]+\/SKILL\.md|agents\/[^/]+\.md|commands\/[^/]+\.md|\.claude-plugin\/plugin\.json)$/.test(inPlugin.inner);
  },
  env(ctx, extra = {}) {
    return baseEnv(ctx.home, {
      XDG_CACHE_HOME: path.join(hostsCache, ".xdg-cache"), // the CLI unpacks itself there once per version
      COPILOT_AUTO_UPDATE: "false",
      ...extra,
    });
  },
  async record(kase, dir, ctx) {
    const results = {};
    const pluginArgs = kase.plugins.flatMap((p) => ["--plugin-dir", path.join(dir, p.root)]);
    const list = await run(ctx.bin, [...pluginArgs, "skill", "list", "--json"], { cwd: dir, env: this.env(ctx), timeoutMs: ctx.timeoutMs });
    if (list.timedOut) throw new Error(`copilot skill list timed out after ${ctx.timeoutMs / 1000} s`);
    const out = lines(list.stdout);
    const start = out.indexOf("[");
    const end = out.lastIndexOf("]");
    let skills;
    try {
      skills = JSON.parse(out.slice(start, end + 1).join("\n"));
    } catch {
      throw new Error(`copilot skill list --json printed no JSON (exit ${list.code}): ${short(list.stderr || list.stdout)}`);
    }
    for (const skill of skills) {
      const rel = relTo(dir, skill.path);
      if (rel === undefined) continue;
      // A skill's path is its folder; a command of .claude/commands is listed with the commands folder as path.
      let docs = kase.docs.filter((d) => d.rel === rel || (path.posix.dirname(d.rel) === rel && path.posix.basename(d.rel).toLowerCase() === "skill.md"));
      if (!docs.length) docs = docsNamed(kase, this, skill.name, skill.description, { only: (d) => path.posix.dirname(d.rel) === rel });
      for (const doc of docs) results[doc.rel] = { verdict: "loaded", name: skill.name };
    }
    for (const line of lines(`${list.stdout}\n${list.stderr}`)) {
      const failed = /^\s*•\s+(\S[^:]*):\s(.+)$/.exec(line);
      if (!failed) continue;
      const rel = path.isAbsolute(failed[1]) ? relTo(dir, failed[1]) : failed[1];
      if (rel && !results[rel]) results[rel] = { verdict: "refused", reason: failed[2].trim() };
    }
    // Plugins
    if (kase.plugins.length) {
      const plugins = await run(ctx.bin, [...pluginArgs, "plugin", "list", "--json"], { cwd: dir, env: this.env(ctx), timeoutMs: ctx.timeoutMs });
      let listed = [];
      try {
        listed = JSON.parse(plugins.stdout);
      } catch {
        ctx.note(`copilot plugin list --json printed no JSON: ${short(plugins.stderr || plugins.stdout, 200)}`);
      }
      for (const plugin of kase.plugins) {
        const found = listed.find((p) => p.name === plugin.name && p.source === "external");
        results[plugin.manifestRel] = found ? { verdict: "loaded", name: found.name } : { verdict: "refused", reason: short(plugins.stderr) || "not in copilot plugin list" };
      }
    }
    // Agents: asking for an agent that does not exist lists the ones that loaded; asking for one that failed says why.
    const agentDocs = kase.docs.filter((d) => /(?:^|\/)agents\/[^/]+\.md$/.test(d.rel) && !/(?:^|\/)commands\//.test(d.rel));
    if (agentDocs.length) {
      const capture = await captureServer();
      const ask = (name) =>
        run(ctx.bin, [...pluginArgs, "--agent", name, "-p", "hi", "--allow-all-tools"], {
          cwd: dir,
          timeoutMs: ctx.timeoutMs,
          env: this.env(ctx, { COPILOT_OFFLINE: "true", COPILOT_PROVIDER_BASE_URL: capture.url, COPILOT_MODEL: "gpt-4o" }),
        });
      try {
        const probe = await ask("conformance-no-such-agent");
        const text = `${probe.stdout}\n${probe.stderr}`;
        const available = /No such agent: conformance-no-such-agent, available: ?(.*)/.exec(text);
        if (!available) throw new Error(`copilot --agent printed no agent list: ${short(text, 300)}`);
        const names = available[1].split(",").map((s) => s.trim()).filter(Boolean);
        for (const name of names) {
          for (const doc of docsNamed(kase, this, name, undefined, { only: (d) => agentDocs.includes(d) })) results[doc.rel] = { verdict: "loaded", name };
        }
        for (const doc of agentDocs) {
          if (results[doc.rel] || !this.discovers(doc.rel, kase)) continue;
          const tried = new Set();
          for (const name of candidateNames(kase, doc)) {
            if (tried.has(name)) continue;
            tried.add(name);
            const answer = await ask(name);
            const said = `${answer.stdout}\n${answer.stderr}`;
            const failed = new RegExp(`Custom agent '${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}' failed to load: (.*)`).exec(said);
            if (failed) {
              results[doc.rel] = { verdict: "refused", reason: failed[1].replace(/^\S+?\.md: /, "").trim() };
              break;
            }
          }
        }
      } finally {
        await capture.close();
      }
    }
    for (const doc of kase.docs) {
      if (results[doc.rel]) continue;
      results[doc.rel] = this.discovers(doc.rel, kase) ? { verdict: "refused", reason: "not listed by copilot, and no reason given" } : { verdict: "not-found" };
    }
    return results;
  },
};

const geminiCli = {
  id: "gemini-cli",
  package: "@google/gemini-cli",
  version: "0.61.0",
  bin: "gemini",
  command: "gemini skills list --all --debug (GEMINI_CLI_TRUST_WORKSPACE=true)",
  discovers(rel) {
    return /^\.(?:gemini|agents)\/skills\/(?:[^/]+\/)?SKILL\.md$/.test(rel);
  },
  async record(kase, dir, ctx) {
    const results = {};
    const list = await run(ctx.bin, ["skills", "list", "--all", "--debug"], {
      cwd: dir,
      timeoutMs: ctx.timeoutMs,
      env: baseEnv(ctx.home, { GEMINI_CLI_TRUST_WORKSPACE: "true", GEMINI_CLI_NO_RELAUNCH: "true" }),
    });
    if (list.timedOut) throw new Error(`gemini skills list timed out after ${ctx.timeoutMs / 1000} s`);
    if (!list.stdout.includes("Discovered Agent Skills")) throw new Error(`gemini skills list printed no list (exit ${list.code}): ${short(list.stderr || list.stdout)}`);
    let name;
    for (const line of lines(list.stdout)) {
      const head = /^(\S.*?) \[(?:Enabled|Disabled)\]/.exec(line);
      if (head) name = head[1];
      const location = /^\s+Location:\s+(\S.*)$/.exec(line);
      if (location && name !== undefined) {
        const rel = relTo(dir, location[1].trim());
        if (rel !== undefined) results[rel] = { verdict: "loaded", name };
        name = undefined;
      }
    }
    // Its debug log names YAML it could not parse (it then falls back to a line parser) without a file name:
    // the warning goes to the one doc it can belong to.
    const yamlErrors = [...`${list.stdout}\n${list.stderr}`.matchAll(/YAML frontmatter parsing failed, falling back to simple parser: YAMLException: [^\n]+/g)].map((m) => m[0]);
    const seen = kase.docs.filter((d) => this.discovers(d.rel));
    for (const doc of kase.docs) {
      const r = results[doc.rel];
      if (r) {
        if (yamlErrors.length && seen.length === 1) r.warnings = yamlErrors;
      } else results[doc.rel] = this.discovers(doc.rel) ? { verdict: "refused", reason: yamlErrors.length && seen.length === 1 ? yamlErrors.join("; ") : "not listed by gemini skills list, and no reason given" } : { verdict: "not-found" };
    }
    return results;
  },
};

const codex = {
  id: "codex",
  package: "@openai/codex",
  version: "0.171.0",
  bin: "codex",
  command: "codex debug prompt-input (<skills_instructions>) + codex app-server skills/list (errors)",
  discovers(rel) {
    return /^\.(?:agents|codex)\/skills\/.+\/SKILL\.md$/.test(rel);
  },
  async record(kase, dir, ctx) {
    const results = {};
    const env = baseEnv(ctx.home, { CODEX_HOME: path.join(ctx.home, ".codex") });
    fs.mkdirSync(env.CODEX_HOME, { recursive: true });
    const prompt = await run(ctx.bin, ["debug", "prompt-input"], { cwd: dir, env, timeoutMs: ctx.timeoutMs });
    if (prompt.timedOut) throw new Error(`codex debug prompt-input timed out after ${ctx.timeoutMs / 1000} s`);
    let items;
    try {
      items = JSON.parse(prompt.stdout);
    } catch {
      throw new Error(`codex debug prompt-input printed no JSON (exit ${prompt.code}): ${short(prompt.stderr || prompt.stdout)}`);
    }
    const text = allStrings(items).find((t) => t.includes("<skills_instructions>")) ?? "";
    const roots = {};
    for (const m of text.matchAll(/^- `(r\d+)` = `([^`]+)`$/gm)) roots[m[1]] = m[2];
    for (const line of lines(text)) {
      const entry = /^- (.+?): .*\(file: (r\d+)\/([^)]+)\)$/.exec(line) ?? /^- (.+?): .*\(file: ([^)]+)\)$/.exec(line);
      if (!entry) continue;
      const abs = entry.length === 4 ? path.join(roots[entry[2]] ?? "", entry[3]) : entry[2];
      const rel = relTo(dir, abs);
      if (rel !== undefined) results[rel] = { verdict: "loaded", name: entry[1] };
    }
    const rpc = await runJsonRpc(ctx.bin, ["app-server"], {
      cwd: dir,
      env,
      timeoutMs: ctx.timeoutMs,
      requests: [
        { id: 1, method: "initialize", params: { clientInfo: { name: "skill-lint-conformance", version: "1" } } },
        { method: "initialized" },
        { id: 2, method: "skills/list", params: { cwds: [dir], forceReload: true } },
      ],
    });
    const listed = rpc.results[2]?.result?.data;
    if (!listed) ctx.note(`codex app-server skills/list gave no answer${rpc.error ? ` (${rpc.error})` : ""}: ${short(rpc.stderr, 200)}`);
    for (const entry of listed ?? []) {
      for (const error of entry.errors ?? []) {
        const rel = relTo(dir, error.path);
        if (rel !== undefined && !results[rel]) results[rel] = { verdict: "refused", reason: error.message };
      }
    }
    for (const doc of kase.docs) {
      if (results[doc.rel]) continue;
      results[doc.rel] = this.discovers(doc.rel) ? { verdict: "refused", reason: "not listed in <skills_instructions>, and no reason given" } : { verdict: "not-found" };
    }
    return results;
  },
};

const opencode = {
  id: "opencode",
  package: "opencode-ai",
  version: "1.18.33",
  bin: "opencode",
  command: "opencode debug skill + opencode debug config (agent, command) --print-logs",
  discovers(rel) {
    if (/^\.(?:opencode\/skills?|claude\/skills|agents\/skills)\/.+\/SKILL\.md$/.test(rel)) return true;
    return /^\.opencode\/(?:agents?|commands?)\/.+\.md$/.test(rel);
  },
  async record(kase, dir, ctx) {
    const results = {};
    const env = baseEnv(ctx.home, {
      OPENCODE_DISABLE_MODELS_FETCH: "1",
      OPENCODE_DISABLE_AUTOUPDATE: "1",
      OPENCODE_DISABLE_LSP_DOWNLOAD: "1",
      OPENCODE_DISABLE_SHARE: "1",
    });
    const logArgs = ["--print-logs", "--log-level", "WARN"];
    const skill = await run(ctx.bin, ["debug", "skill", ...logArgs], { cwd: dir, env, timeoutMs: ctx.timeoutMs });
    if (skill.timedOut) throw new Error(`opencode debug skill timed out after ${ctx.timeoutMs / 1000} s`);
    const startup = opencodeStartupError(skill);
    let skills = [];
    if (!startup) {
      try {
        skills = JSON.parse(skill.stdout);
      } catch {
        throw new Error(`opencode debug skill printed no JSON (exit ${skill.code}): ${short(skill.stderr || skill.stdout)}`);
      }
    }
    for (const s of skills) {
      const rel = s.location && relTo(dir, s.location);
      if (rel) results[rel] = { verdict: "loaded", name: s.name };
    }
    const log = `${skill.stderr}\n${skill.stdout}`;
    for (const m of log.matchAll(/message="failed to load skill" skill=(\S+)( .*)?$/gm)) {
      const rel = relTo(dir, m[1]);
      if (rel && !results[rel]) results[rel] = { verdict: "refused", reason: `failed to load skill${m[2] ?? ""}`.trim() };
    }
    for (const m of log.matchAll(/message="duplicate skill name" name=(\S+) existing=(\S+) duplicate=(\S+)/g)) {
      const existing = relTo(dir, m[2]);
      const duplicate = relTo(dir, m[3]);
      if (existing && !results[existing]) results[existing] = { verdict: "refused", reason: `duplicate skill name ${m[1]}: replaced by ${duplicate}` };
      if (duplicate && results[duplicate]?.verdict === "loaded") results[duplicate].warnings = [`duplicate skill name ${m[1]}: replaces ${existing}`];
    }
    const config = await run(ctx.bin, ["debug", "config", ...logArgs], { cwd: dir, env, timeoutMs: ctx.timeoutMs });
    const configError = opencodeStartupError(config);
    let resolved = {};
    if (!configError) {
      try {
        resolved = JSON.parse(config.stdout);
      } catch {
        ctx.note(`opencode debug config printed no JSON (exit ${config.code}): ${short(config.stderr, 200)}`);
      }
    }
    for (const doc of kase.docs) {
      const kind = /^\.opencode\/(agents?|commands?)\/(.+)\.md$/.exec(doc.rel);
      if (!kind) continue;
      const key = kind[1].startsWith("agent") ? "agent" : "command";
      const entries = resolved[key] ?? {};
      const name = Object.keys(entries).find((n) => n === kind[2] || n === doc.name);
      if (name !== undefined) results[doc.rel] = { verdict: "loaded", name };
    }
    for (const doc of kase.docs) {
      if (results[doc.rel]) continue;
      if (!this.discovers(doc.rel)) results[doc.rel] = { verdict: "not-found" };
      else {
        const error = /^\.opencode\/(?:agents?|commands?)\//.test(doc.rel) ? configError : startup;
        results[doc.rel] = { verdict: "refused", reason: error || "not listed by opencode, and no reason given" };
      }
    }
    return results;
  },
};

/** opencode refuses to start on some invalid files: its error, when it did. */
function opencodeStartupError(result) {
  if (result.code === 0) return undefined;
  const text = `${result.stderr}\n${result.stdout}`;
  const error = lines(text).filter((l) => /error|invalid/i.test(l) && !/Failed to fetch models\.dev/.test(l));
  return short(error.join(" ") || text, 400) || `exit ${result.code}`;
}

const HOSTS = [claudeCode, copilot, codex, geminiCli, opencode];

// ---------------------------------------------------------------------------------------------------------------
// Installing

function recordedVersion(host) {
  try {
    return JSON.parse(fs.readFileSync(path.join(recordedDir, `${host.id}.json`), "utf8")).version;
  } catch {
    return undefined;
  }
}

async function resolveVersion(host, opts) {
  if (opts.versions[host.id]) return opts.versions[host.id];
  if (opts.latest) {
    if (opts.offlineOnly) throw new Error("--latest asks the npm registry, and --offline-only forbids it");
    const view = await run("npm", ["view", host.package, "version"], { env: process.env, timeoutMs: 120_000 });
    const version = view.stdout.trim().split("\n").pop();
    if (view.code !== 0 || !version) throw new Error(`npm view ${host.package} version failed: ${short(view.stderr, 300)}`);
    return version;
  }
  return recordedVersion(host) ?? host.version;
}

async function ensureInstalled(host, version, opts) {
  const dir = path.join(hostsCache, `${host.package}@${version}`);
  const bin = path.join(dir, "node_modules", ".bin", host.bin);
  const installedVersion = () => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, "node_modules", ...host.package.split("/"), "package.json"), "utf8")).version;
    } catch {
      return undefined;
    }
  };
  if (fs.existsSync(bin) && installedVersion() === version) return bin;
  if (opts.offlineOnly) throw new Error(`not installed in ${dir}, and --offline-only forbids installing`);
  fs.mkdirSync(dir, { recursive: true });
  console.log(`installing ${host.package}@${version} into ${dir} …`);
  const install = await run("npm", ["install", "--prefix", dir, "--no-audit", "--no-fund", "--save-exact", `${host.package}@${version}`], {
    cwd: dir,
    env: process.env,
    timeoutMs: 15 * 60_000,
  });
  if (install.code !== 0 || !fs.existsSync(bin)) {
    throw new Error(`npm install ${host.package}@${version} failed (exit ${install.code}${install.timedOut ? ", timed out" : ""}): ${short(install.stderr, 500)}`);
  }
  return bin;
}

// ---------------------------------------------------------------------------------------------------------------
// Main

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  return value;
}

async function pool(items, limit, worker) {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await worker(items[i], i);
    }
  });
  await Promise.all(runners);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const unknown = opts.hosts.filter((id) => !HOSTS.some((h) => h.id === id));
  if (unknown.length) fail(`unknown host ${unknown.join(", ")}; hosts: ${HOSTS.map((h) => h.id).join(", ")}`);
  const hosts = opts.hosts.length ? HOSTS.filter((h) => opts.hosts.includes(h.id)) : HOSTS;

  if (opts.noCases && !opts.corpus) fail("--no-cases needs --corpus");
  const cases = fs
    .readdirSync(casesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !opts.noCases)
    .map((e) => loadCase(e.name, path.join(casesDir, e.name)));
  if (opts.corpus) {
    for (const e of fs.readdirSync(opts.corpus, { withFileTypes: true })) {
      if (e.isDirectory() && !/^[._]/.test(e.name)) cases.push(loadCase(e.name, path.join(opts.corpus, e.name)));
    }
  }
  cases.sort((a, b) => a.name.localeCompare(b.name));
  if (opts.cases.length) {
    const missing = opts.cases.filter((c) => !cases.some((k) => k.name === c));
    if (missing.length) fail(`no case ${missing.join(", ")}`);
    cases.splice(0, cases.length, ...cases.filter((k) => opts.cases.includes(k.name)));
  }

  const problems = []; // hosts that could not be installed or run
  const ready = [];
  for (const host of hosts) {
    try {
      const version = await resolveVersion(host, opts);
      const bin = await ensureInstalled(host, version, opts);
      const probeHome = fs.mkdtempSync(path.join(os.tmpdir(), "skill-lint-conformance-home-"));
      const probe = await run(bin, ["--version"], { env: baseEnv(probeHome), timeoutMs: opts.timeoutMs });
      fs.rmSync(probeHome, { recursive: true, force: true });
      if (probe.code !== 0) throw new Error(`${host.bin} --version failed (exit ${probe.code}${probe.timedOut ? ", timed out" : ""}): ${short(probe.stderr || probe.stdout, 300)}`);
      ready.push({ host, version, bin, docs: {}, caseErrors: {}, notes: [] });
    } catch (error) {
      problems.push(`${host.id}: could not be installed: ${error.message}`);
    }
  }

  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "skill-lint-conformance-"));
  const tasks = cases.flatMap((kase) => ready.map((entry) => ({ kase, entry })));
  console.log(`recording ${cases.length} cases on ${ready.map((r) => `${r.host.id} ${r.version}`).join(", ") || "no host"} …`);
  await pool(tasks, 3, async ({ kase, entry }) => {
    const home = fs.mkdtempSync(path.join(tmpRoot, `home-${entry.host.id}-`));
    const started = Date.now();
    try {
      const dir = await stageCase(kase, tmpRoot, opts.timeoutMs);
      const ctx = { bin: entry.bin, home, timeoutMs: opts.timeoutMs, note: (n) => entry.notes.push(`${kase.name}: ${n}`) };
      const results = await entry.host.record(kase, dir, ctx);
      for (const doc of kase.docs) {
        const r = results[doc.rel] ?? { verdict: "not-found" };
        if (r.verdict === "refused" && / no reason given$|^not listed in /.test(r.reason ?? "")) {
          // A silent refusal next to a loaded doc of the same name: say which one the host took instead.
          const names = new Set(candidateNames(kase, doc).map((n) => n.toLowerCase()));
          const twin = kase.docs.find((d) => d !== doc && results[d.rel]?.verdict === "loaded" && candidateNames(kase, d).some((n) => names.has(n.toLowerCase())) && d.name === doc.name);
          if (twin) r.reason = `${r.reason} (it loaded ${twin.rel}, of the same name, instead)`;
        }
        entry.docs[`${kase.name}/${doc.rel}`] = r;
      }
      console.log(`  ${entry.host.id.padEnd(12)} ${kase.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      entry.caseErrors[kase.name] = error.message;
      console.log(`  ${entry.host.id.padEnd(12)} ${kase.name}: FAILED: ${error.message}`);
    }
  });

  fs.mkdirSync(recordedDir, { recursive: true });
  const recordedAt = new Date().toISOString().slice(0, 10);
  const written = [];
  for (const entry of ready) {
    const failedAll = Object.keys(entry.caseErrors).length === cases.length && cases.length > 0;
    if (failedAll) {
      problems.push(`${entry.host.id} ${entry.version}: could not be run on any case: ${Object.values(entry.caseErrors)[0]}`);
      continue;
    }
    let docs = entry.docs;
    if (opts.cases.length) {
      // Only some cases were run: keep the rest of the recording of the same version.
      try {
        const before = JSON.parse(fs.readFileSync(path.join(recordedDir, `${entry.host.id}.json`), "utf8"));
        if (before.version === entry.version) {
          const rerun = (key) => cases.some((k) => key.startsWith(`${k.name}/`));
          docs = { ...Object.fromEntries(Object.entries(before.docs ?? {}).filter(([key]) => !rerun(key))), ...entry.docs };
        }
      } catch {
        // nothing recorded yet
      }
    }
    const record = {
      host: entry.host.id,
      package: entry.host.package,
      version: entry.version,
      command: entry.host.command,
      recordedAt,
      docs,
      ...(Object.keys(entry.caseErrors).length ? { errors: entry.caseErrors } : {}),
    };
    const file = path.join(recordedDir, `${entry.host.id}.json`);
    fs.writeFileSync(file, JSON.stringify(sortKeys(record), null, 2) + "\n");
    written.push(entry);
    for (const n of entry.notes) console.log(`  note: ${entry.host.id}: ${n}`);
  }
  if (!opts.keepTemp) fs.rmSync(tmpRoot, { recursive: true, force: true });
  else console.log(`temporary copies kept in ${tmpRoot}`);

  console.log("");
  for (const entry of written) {
    const counts = { loaded: 0, refused: 0, "not-found": 0 };
    for (const r of Object.values(entry.docs)) counts[r.verdict]++;
    const failedCases = Object.keys(entry.caseErrors).length;
    console.log(
      `recorded ${entry.host.id} ${entry.version}: ${counts.loaded} loaded, ${counts.refused} refused, ${counts["not-found"]} not found` +
        `${failedCases ? `; ${failedCases} case(s) failed, see "errors"` : ""} -> ${path.relative(repoRoot, path.join(recordedDir, `${entry.host.id}.json`))}`,
    );
  }
  if (problems.length) {
    console.log("\nHOSTS NOT RECORDED:");
    for (const p of problems) console.log(`  ✖ ${p}`);
  }
  process.exit(written.length > 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error?.stack ?? String(error));
  process.exit(1);
});
