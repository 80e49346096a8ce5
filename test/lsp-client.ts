import { spawn, type ChildProcess } from "node:child_process";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol";
import { CLI } from "./helpers.js";

/** A language client over the server's stdio: the protocol as an editor speaks it. */
export class LspClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcess;
  private readonly waiting: Array<{ uri: string; resolve: (params: PublishDiagnosticsParams) => void }> = [];
  readonly published: PublishDiagnosticsParams[] = [];

  constructor(cli = CLI) {
    this.child = spawn(process.execPath, [cli, "--lsp"], { stdio: ["pipe", "pipe", "inherit"] });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      const at = this.waiting.findIndex((wait) => wait.uri === params.uri);
      if (at >= 0) this.waiting.splice(at, 1)[0]!.resolve(params);
    });
    this.connection.listen();
  }

  async initialize(root: string, initializationOptions: Record<string, unknown> = { debounce: 0 }): Promise<unknown> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: "project" }],
      capabilities: {},
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** The next diagnostics published for a document. */
  diagnostics(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiting.push({ uri, resolve: (params) => resolve(params.diagnostics) }));
  }

  async open(file: string, text: string, languageId = "markdown"): Promise<Diagnostic[]> {
    const uri = pathToFileURL(file).href;
    const published = this.diagnostics(uri);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return published;
  }

  async change(file: string, text: string, version: number): Promise<Diagnostic[]> {
    const uri = pathToFileURL(file).href;
    const published = this.diagnostics(uri);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return published;
  }

  closeDocument(file: string) {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: pathToFileURL(file).href } });
  }

  codeActions(file: string, diagnostic: Diagnostic) {
    const uri = pathToFileURL(file).href;
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  }

  hover(file: string, line: number, character: number) {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: pathToFileURL(file).href }, position: { line, character } });
  }

  definition(file: string, line: number, character: number) {
    return this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: pathToFileURL(file).href }, position: { line, character } });
  }

  completion(file: string, line: number, character: number) {
    return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: pathToFileURL(file).href }, position: { line, character } });
  }

  watched(changes: Array<{ file: string; type: 1 | 2 | 3 }>) {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: changes.map(({ file, type }) => ({ uri: pathToFileURL(file).href, type })) });
  }

  async close(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once("exit", (code) => resolve(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
