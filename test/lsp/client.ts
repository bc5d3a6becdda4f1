/**
 * A Language Server Protocol client for the tests: `node bin/tenor.mjs lsp`
 * in a child process, spoken to with vscode-languageserver-protocol's own
 * client side (not code of ours), over the child's standard input and output.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import {
  createProtocolConnection, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest,
  PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
  type ClientCapabilities, type InitializeResult, type ProtocolConnection, type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

export const ROOT = join(import.meta.dirname, "..", "..");

/** What a full-featured editor says it can do (VS Code's answers for the features Tenor serves). */
export const RICH_CLIENT: ClientCapabilities = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true } },
    hover: { contentFormat: ["markdown", "plaintext"] },
    rename: { prepareSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    publishDiagnostics: { relatedInformation: true },
  },
};

export interface TestClient {
  readonly connection: ProtocolConnection;
  readonly initialized: InitializeResult;
  readonly child: ChildProcess;
  /** Opens a document; resolves with the first diagnostics published for it. */
  open(uri: string, text: string): Promise<PublishDiagnosticsParams>;
  /** The next diagnostics published for `uri`. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams>;
  /** Shutdown, exit; resolves with the server's exit code. */
  close(): Promise<number | null>;
  stderr(): string;
}

export async function startClient(capabilities: ClientCapabilities = RICH_CLIENT, cwd = ROOT): Promise<TestClient> {
  const child = spawn(process.execPath, [join(ROOT, "bin", "tenor.mjs"), "lsp"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<string, ((p: PublishDiagnosticsParams) => void)[]>();
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const list = waiting.get(p.uri) ?? [];
    waiting.delete(p.uri);
    for (const resolve of list) resolve(p);
  });
  connection.listen();
  const nextDiagnostics = (uri: string) =>
    new Promise<PublishDiagnosticsParams>((resolve) => waiting.set(uri, [...(waiting.get(uri) ?? []), resolve]));
  const initialized = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities, workspaceFolders: null });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    initialized,
    child,
    nextDiagnostics,
    async open(uri, text) {
      const next = nextDiagnostics(uri);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "tenor", version: 1, text } });
      return next;
    },
    async close() {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
    stderr: () => err,
  };
}
