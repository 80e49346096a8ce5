/**
 * `skill-lint --lsp`: a language server over stdio. It keeps one model of each project in memory, with the open
 * buffers laid over the files on disk, so a keystroke re-lints the document typed in and the open documents that
 * read it, not the project. Loaded only for `--lsp`: a plain lint run never reads this module.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type Location,
  type Range,
  type TextEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { rules } from "../rules/index.js";
import { definitionsOf, referencesIn } from "../rules/no-unknown-reference.js";
import { linkCandidates, linkTargets } from "../rules/no-broken-link.js";
import { CONFIG_FILES, ConfigResolver, type ResolvedConfig } from "./config.js";
import { Doc } from "./document.js";
import { lintDocument, projectsFor, type LintResult } from "./engine.js";
import { builtinList, isHostId, type HostId } from "./hosts/index.js";
import { ProjectView, type Project, type Projects } from "./project.js";
import { TOOL_KEYS } from "./tool-mentions.js";
import type { Finding, Fix, Kind } from "./types.js";

/** What a client may set, in `initializationOptions` or the `skill-lint` section of its settings. */
export interface ServerSettings {
  /** A config file for every document, as `--config`. */
  configFile?: string;
  /** The hosts the docs are for, as `--target`. */
  targets?: string[];
  /** Milliseconds of quiet after a change before the document is linted again. */
  debounce?: number;
}

const DEFAULT_DEBOUNCE = 150;
/** Each rule's page, as `--format` reports link it. */
const DOCS_URLS = new Map(rules.map((rule) => [rule.meta.id, rule.meta.docsUrl]));
const LINTED = /\.(?:md|markdown)$|(?:^|[\\/])(?:plugin|marketplace)\.json$/i;
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "rules");

interface Linted {
  result: LintResult;
  kind: Kind;
  hosts: readonly HostId[];
  config: ResolvedConfig;
  project: Project;
  /** The offset of the text the findings refer to inside the buffer: 1 when it starts with a BOM. */
  shift: number;
}

export class SkillLintServer {
  readonly documents = new TextDocuments(TextDocument);
  private settings: ServerSettings = {};
  private root = process.cwd();
  private resolver!: ConfigResolver;
  private projects!: Projects;
  private readonly linted = new Map<string, Linted>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private watchedSettings = false;

  constructor(readonly connection: Connection) {
    this.reset();
    connection.onInitialize((params) => {
      const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
      if (folder) this.root = fileURLToPath(folder);
      this.apply(params.initializationOptions as ServerSettings | undefined);
      this.watchedSettings = params.capabilities.workspace?.configuration === true;
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
          hoverProvider: true,
          definitionProvider: true,
          completionProvider: { triggerCharacters: [" ", ",", "(", ":", '"', "-"] },
        },
        serverInfo: { name: "skill-lint" },
      };
    });
    connection.onInitialized(() => void this.pullSettings());
    connection.onDidChangeConfiguration((change) => {
      const section = (change.settings as Record<string, unknown> | undefined)?.["skill-lint"] as ServerSettings | undefined;
      if (section) this.apply(section);
      void this.pullSettings(section !== undefined);
    });
    this.documents.onDidOpen(({ document }) => this.schedule(document.uri, 0));
    this.documents.onDidChangeContent(({ document }) => this.schedule(document.uri));
    this.documents.onDidClose(({ document }) => this.close(document.uri));
    connection.onDidChangeWatchedFiles(({ changes }) => {
      let configChanged = false;
      for (const change of changes) {
        const file = fileURLToPath(change.uri);
        if (CONFIG_FILES.includes(path.basename(file)) || path.basename(file) === "package.json") configChanged = true;
        else if (!this.documents.get(change.uri)) this.changedOnDisk(file, change.type);
      }
      if (configChanged) this.relintAll(true);
    });
    connection.onCodeAction(({ textDocument, range }) => this.codeActions(textDocument.uri, range));
    connection.onHover(({ textDocument, position }) => {
      const document = this.documents.get(textDocument.uri);
      const linted = this.linted.get(textDocument.uri);
      if (!document || !linted) return null;
      const offset = document.offsetAt(position) - linted.shift;
      const ids = [...new Set(linted.result.findings.filter((finding) => covers(document, linted.shift, finding, offset)).map((finding) => finding.ruleId))];
      const pages = ids.map(ruleDocs).filter((page): page is string => page !== undefined);
      return pages.length ? { contents: { kind: "markdown", value: pages.join("\n\n---\n\n") } } : null;
    });
    connection.onDefinition(({ textDocument, position }) => this.definition(textDocument.uri, position));
    connection.onCompletion(({ textDocument, position }) => this.completion(textDocument.uri, position));
    this.documents.listen(connection);
  }

  private apply(settings: ServerSettings | undefined): void {
    if (!settings) return;
    this.settings = { ...this.settings, ...settings };
  }

  /** Asks a client that serves `workspace/configuration` for the `skill-lint` section; re-lints when it differs. */
  private async pullSettings(changed = false): Promise<void> {
    let before = JSON.stringify(this.settings);
    if (this.watchedSettings) {
      try {
        const [section] = (await this.connection.workspace.getConfiguration([{ section: "skill-lint" }])) as Array<ServerSettings | null>;
        if (section) this.apply(section);
      } catch {
        // A client without settings keeps the initialization options.
      }
    } else if (changed) before = "";
    if (JSON.stringify(this.settings) !== before) this.relintAll(true);
  }

  private reset(): void {
    const targets = this.settings.targets?.filter(isHostId);
    this.resolver = new ConfigResolver({
      cwd: this.root,
      ...(this.settings.configFile ? { configFile: path.resolve(this.root, this.settings.configFile) } : {}),
      warn: (message) => this.connection.console.warn(message),
    });
    this.projects = projectsFor(this.resolver, targets?.length ? targets : undefined);
  }

  /** Re-lints every open document; with `reload`, from a fresh config and project model. */
  relintAll(reload: boolean): void {
    if (reload) this.reset();
    const open = this.documents.all().filter((document) => isLinted(document.uri));
    // Every open buffer is laid over the new model before any is linted: each may define what another references.
    if (reload) for (const document of open) this.projectIfReadable(fileURLToPath(document.uri))?.setOverlay(fileURLToPath(document.uri), document.getText());
    for (const document of open) this.schedule(document.uri, 0);
  }

  private schedule(uri: string, delay = this.settings.debounce ?? DEFAULT_DEBOUNCE): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.lintChanged(uri);
      }, delay),
    );
  }

  private projectOf(file: string): Project {
    return this.projects.get(this.projects.rootOf(file, this.root));
  }

  /** The file's project, or undefined while its config cannot be read (`lint` then shows why). */
  private projectIfReadable(file: string): Project | undefined {
    try {
      return this.projectOf(file);
    } catch {
      return undefined;
    }
  }

  /** Lints a changed document, then the open documents whose last lint read it (or the index it may change). */
  private lintChanged(uri: string): void {
    const document = this.documents.get(uri);
    if (!document || !isLinted(uri)) return;
    const file = fileURLToPath(uri);
    const project = this.projectIfReadable(file);
    project?.setOverlay(file, document.getText());
    this.lint(uri);
    if (project) this.lintDependents(project, file, uri);
  }

  private lintDependents(project: Project, file: string, except?: string): void {
    for (const [other, linted] of this.linted) {
      if (other === except || linted.project !== project) continue;
      const dependencies = linted.result.dependencies ?? {};
      const reads = ["f:", "a:", "t:"].some((kind) => `${kind}${file}` in dependencies);
      const index = dependencies.index !== undefined && dependencies.index !== project.index.fingerprint;
      if (reads || index) this.lint(other);
    }
  }

  private changedOnDisk(file: string, type: FileChangeType): void {
    const project = this.projectIfReadable(file);
    if (!project) return;
    project.forget(file);
    if (type !== FileChangeType.Changed) project.forget(path.dirname(file));
    this.lintDependents(project, file);
  }

  private close(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.linted.delete(uri);
    if (!isLinted(uri)) return;
    const file = fileURLToPath(uri);
    const project = this.projectIfReadable(file);
    project?.setOverlay(file, undefined);
    if (project) this.lintDependents(project, file);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Lints one open document as it is in its buffer, and publishes its findings. */
  lint(uri: string): void {
    const document = this.documents.get(uri);
    if (!document) return;
    const file = fileURLToPath(uri);
    const text = document.getText();
    const shift = text.startsWith("\uFEFF") ? 1 : 0;
    let diagnostics: Diagnostic[];
    try {
      if (this.resolver.isIgnored(file)) {
        this.linted.delete(uri);
        return void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
      }
      const project = this.projectOf(file);
      const config = this.resolver.resolve(file);
      const placement = project.placement(file, config.targets ?? project.targets);
      const kind = config.kind ?? placement.kind;
      const result = lintDocument(text, file, config, kind, false, project, placement.hosts);
      this.linted.set(uri, { result, kind, hosts: placement.hosts, config, project, shift });
      diagnostics = result.findings.map((finding) => toDiagnostic(finding));
      if (result.partial) diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: "skill-lint", message: result.partial });
    } catch (error) {
      this.linted.delete(uri);
      const message = (error as Error)?.message?.split("\n")[0] ?? String(error);
      diagnostics = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: "skill-lint", message }];
    }
    void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  }

  private codeActions(uri: string, range: Range): CodeAction[] {
    const document = this.documents.get(uri);
    const linted = this.linted.get(uri);
    if (!document || !linted) return [];
    const actions: CodeAction[] = [];
    const edit = (fix: Fix): TextEdit => ({
      range: { start: document.positionAt(fix.range[0] + linted.shift), end: document.positionAt(fix.range[1] + linted.shift) },
      newText: fix.text,
    });
    const doc = new Doc(document.getText().slice(linted.shift));
    const disabled = new Set<string>();
    for (const finding of linted.result.findings) {
      const diagnostic = toDiagnostic(finding);
      if (!overlaps(diagnostic.range, range)) continue;
      const action = (title: string, edits: TextEdit[], preferred = false): void =>
        void actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [uri]: edits } } });
      if (finding.fix) action(`Fix: ${fixTitle(finding)}`, [edit(finding.fix)], true);
      for (const suggestion of finding.suggestions ?? []) action(suggestion.desc, [edit(suggestion.fix)]);
      const key = `${finding.ruleId}:${finding.line}`;
      if (finding.ruleId === "directive" || disabled.has(key)) continue;
      const disable = disableEdit(doc, linted, finding);
      if (disable) {
        disabled.add(key);
        action(`Disable ${finding.ruleId} for this line`, [edit(disable)]);
      }
    }
    return actions;
  }

  private definition(uri: string, position: { line: number; character: number }): Location[] | null {
    const document = this.documents.get(uri);
    const linted = this.linted.get(uri);
    if (!document || !linted) return null;
    const file = fileURLToPath(uri);
    const offset = document.offsetAt(position) - linted.shift;
    const doc = new Doc(document.getText().slice(linted.shift));
    const index = linted.project.index;
    const reference = referencesIn(doc, linted.kind, index).find((found) => found.start <= offset && offset <= found.end);
    if (reference) return definitionsOf(index, reference).map((entity) => this.location(entity.file, entity.nameRange?.[0]));
    const link = linkTargets(doc).find((found) => found.start <= offset && offset <= found.end);
    if (!link) return null;
    const view = new ProjectView(linted.project);
    const local = linkCandidates(link.url, file, view, linted.kind);
    const target = local?.candidates.find((candidate) => view.fileState(candidate) === "file");
    return target ? [this.location(target)] : null;
  }

  /** A location in a file: at an offset of its text as the project reads it (the buffer when open), else its start. */
  private location(file: string, offset?: number): Location {
    const uri = pathToFileURL(file).href;
    let position = { line: 0, character: 0 };
    if (offset !== undefined) {
      const text = this.documents.get(uri)?.getText().replace(/^\uFEFF/, "") ?? this.projectOf(file).text(file);
      if (text !== undefined) {
        const { line, column } = new Doc(text).lines.position(offset);
        position = { line: line - 1, character: column - 1 };
      }
    }
    return { uri, range: { start: position, end: position } };
  }

  private completion(uri: string, position: { line: number; character: number }): CompletionItem[] {
    const document = this.documents.get(uri);
    const linted = this.linted.get(uri);
    if (!document || !linted) return [];
    const offset = document.offsetAt(position) - linted.shift;
    const text = document.getText().slice(linted.shift);
    const before = text.slice(text.lastIndexOf("\n", offset - 1) + 1, offset);
    const doc = new Doc(text);
    const frontmatter = doc.frontmatter;
    const index = linted.project.index;
    const names = (kinds: Array<"skill" | "agent" | "command">, builtins: string[], kind: CompletionItemKind): CompletionItem[] => {
      const items = new Map<string, CompletionItem>();
      for (const entity of index.entities) {
        if (!(kinds as string[]).includes(entity.kind)) continue;
        const label = entity.plugin && !index.find([entity.kind], entity.name).every((e) => e === entity) ? `${entity.plugin.name}:${entity.name}` : entity.name;
        items.set(label, { label, kind, detail: `${entity.kind} · ${path.relative(linted.project.root, entity.file)}` });
      }
      for (const builtin of builtins) if (!items.has(builtin)) items.set(builtin, { label: builtin, kind, detail: "built-in" });
      return [...items.values()];
    };
    if (frontmatter && offset >= frontmatter.contentStart && offset <= frontmatter.contentEnd) {
      const key = frontmatterKeyAt(text, frontmatter.contentStart, offset);
      if (key && TOOL_KEYS.includes(key)) {
        return [...linted.config.toolset.names].sort().map((name) => ({ label: name, kind: CompletionItemKind.Function, detail: linted.config.toolset.label }));
      }
      if (key === "skills") return names(["skill"], [], CompletionItemKind.Module);
      if (key === "agent") return names(["agent"], [...builtinList(linted.hosts, "agent")], CompletionItemKind.Class);
      return [];
    }
    if (/\bSkill\(\s*["'`]?[\w:.-]*$/.test(before)) return names(["skill", "command"], [], CompletionItemKind.Module);
    if (/\bsubagent_type\s*[:=]\s*["'`]?[\w:.-]*$/.test(before)) return names(["agent"], [...builtinList(linted.hosts, "agent")], CompletionItemKind.Class);
    return [];
  }
}

function isLinted(uri: string): boolean {
  return uri.startsWith("file:") && LINTED.test(uri);
}

function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: { start: { line: finding.line - 1, character: finding.column - 1 }, end: { line: finding.endLine - 1, character: finding.endColumn - 1 } },
    severity: finding.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: "skill-lint",
    code: finding.ruleId,
    ...(DOCS_URLS.has(finding.ruleId) ? { codeDescription: { href: DOCS_URLS.get(finding.ruleId)! } } : {}),
    message: finding.message,
  };
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function covers(document: TextDocument, shift: number, finding: Finding, offset: number): boolean {
  const start = document.offsetAt({ line: finding.line - 1, character: finding.column - 1 }) - shift;
  const end = document.offsetAt({ line: finding.endLine - 1, character: finding.endColumn - 1 }) - shift;
  return start <= offset && offset <= end;
}

function fixTitle(finding: Finding): string {
  const write = /write `([^`]+)` instead/.exec(finding.message);
  if (write) return `write \`${write[1]}\``;
  return finding.fix!.text ? `replace with \`${finding.fix!.text.slice(0, 40)}\`` : "remove it";
}

/**
 * The edit that switches a rule off on a finding's line: a `skill-lint-disable-line` comment at its end, or the rule
 * added to one already there. None in a manifest (JSON has no comments), in the frontmatter (YAML), or in a code
 * block, where a directive is an example and not read.
 */
function disableEdit(doc: Doc, linted: Linted, finding: Finding): Fix | undefined {
  if (linted.kind === "manifest" || linted.config.noInlineConfig) return undefined;
  const start = doc.lines.lineStart(finding.line);
  const end = doc.lines.lineEnd(finding.line);
  if (start < doc.bodyStart || doc.codeAt(start) || doc.codeAt(Math.max(start, end - 1))) return undefined;
  const line = doc.text.slice(start, end);
  const opener = /<!--\s*skill-lint-disable-line(?=\s)/.exec(line);
  const close = opener ? line.indexOf("-->", opener.index) : -1;
  if (opener && close > 0) {
    const body = line.slice(opener.index + opener[0].length, close);
    const reason = body.search(/\s-{2,}(?:\s|$)/);
    const list = reason < 0 ? body : body.slice(0, reason);
    // A directive for every rule already covers this one; else the rule joins its list.
    if (!list.trim()) return undefined;
    const at = start + opener.index + opener[0].length + list.trimEnd().length;
    return { range: [at, at], text: `, ${finding.ruleId}` };
  }
  return { range: [end, end], text: `${line.trim() ? " " : ""}<!-- skill-lint-disable-line ${finding.ruleId} -->` };
}

/** The top-level frontmatter key whose value holds an offset: the last `key:` at the start of a line above it. */
function frontmatterKeyAt(text: string, contentStart: number, offset: number): string | undefined {
  const lines = text.slice(contentStart, offset).split(/\r?\n|\r/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const key = /^([a-z][\w-]*)\s*:/i.exec(lines[i]!);
    if (key) return key[1];
    if (i < lines.length - 1 && lines[i]!.trim() && !/^\s/.test(lines[i]!)) return undefined;
  }
  return undefined;
}

/** A rule's docs page, as the package ships it. */
const pages = new Map<string, string | undefined>();
function ruleDocs(id: string): string | undefined {
  if (!pages.has(id)) {
    let page: string | undefined;
    try {
      page = /^[a-z][a-z-]*$/.test(id) ? readFileSync(path.join(DOCS, `${id}.md`), "utf8") : undefined;
    } catch {
      page = undefined;
    }
    pages.set(id, page);
  }
  return pages.get(id);
}

/** Starts the server on standard input and output; it runs until the client exits it. */
export function startServer(): Promise<number> {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  new SkillLintServer(connection);
  connection.listen();
  return new Promise((resolve) => connection.onExit(() => resolve(0)));
}
