/**
 * `tenor lsp`: the Language Server Protocol server over standard input and
 * output (docs/editors.md), built on vscode-languageserver. Every answer
 * comes from the playground's analysis of the editor's text
 * (src/editor/analyze.ts through ./sheets.ts): diagnostics with their codes
 * as you type, completion, hover, go to definition, references, rename,
 * document symbols, formatting, and the ledger's totals in code lenses and
 * hovers when the sheet has an inputs file beside it.
 *
 * Bundled on its own (dist/tenor-lsp.mjs, scripts/build-cli.mjs) and loaded
 * only by `tenor lsp`, so other commands never load the protocol libraries.
 */
import {
  CodeLensRefreshRequest, createConnection, DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind,
  type ClientCapabilities, type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { completionItems } from "./completion.ts";
import { diagnosticsOf } from "./convert.ts";
import { formattingEdits } from "./formatting.ts";
import { hoverOf } from "./hover.ts";
import { ledgerLenses } from "./ledger-lenses.ts";
import { definitionOf, prepareRenameOf, referencesOf, renameOf } from "./navigation.ts";
import { documentSymbols } from "./outline.ts";
import { pathOfUri, Sheets, type SheetAnalysis } from "./sheets.ts";
import { TENOR_VERSION } from "../version.ts";

/** Quiet time after a keystroke before the diagnostics are published (requests never wait for it). */
const PUBLISH_DELAY_MS = 100;

interface Client {
  snippets: boolean;
  markdownHover: boolean;
  prepareRename: boolean;
  watchFiles: boolean;
  refreshLenses: boolean;
}

function clientOf(c: ClientCapabilities): Client {
  return {
    snippets: c.textDocument?.completion?.completionItem?.snippetSupport === true,
    markdownHover: c.textDocument?.hover?.contentFormat?.includes("markdown") === true,
    prepareRename: c.textDocument?.rename?.prepareSupport === true,
    watchFiles: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    refreshLenses: c.workspace?.codeLens?.refreshSupport === true,
  };
}

/** Serves one client on these streams until it says exit (or the input ends): the process then exits. */
export function startLanguageServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): void {
  // Standard output is the protocol's: anything logged goes to standard error instead.
  console.log = console.info = console.debug = console.error;
  const connection = createConnection(input, output);
  const documents = new TextDocuments(TextDocument);
  const sheets = new Sheets((path) => documents.all().find((d) => pathOfUri(d.uri) === path)?.getText());
  let client: Client = clientOf({});
  const timers = new Map<string, NodeJS.Timeout>();

  const analysisOf = (uri: string): { analysis: SheetAnalysis; doc: TextDocument } | null => {
    const doc = documents.get(uri);
    return doc === undefined ? null : { analysis: sheets.analysisOf(uri, doc.version, doc.getText()), doc };
  };
  const publish = (uri: string) => {
    timers.delete(uri);
    try {
      const got = analysisOf(uri);
      if (got !== null) void connection.sendDiagnostics({ uri, version: got.doc.version, diagnostics: diagnosticsOf(got.analysis, got.doc) });
    } catch (e) {
      // The analysis never throws on bad input; if it does, that is a defect in Tenor: say so, keep serving.
      connection.console.error(`tenor lsp: internal error analysing ${uri}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  };
  const schedule = (uri: string) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => publish(uri), PUBLISH_DELAY_MS));
  };
  /** Every open sheet again: a file they read (an inputs file, an import) changed. */
  const refreshAll = () => {
    for (const doc of documents.all()) {
      sheets.forget(doc.uri);
      schedule(doc.uri);
    }
    if (client.refreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type);
  };

  connection.onInitialize((params): InitializeResult => {
    client = clientOf(params.capabilities);
    return {
      serverInfo: { name: "tenor", version: TENOR_VERSION },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: {},
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: client.prepareRename ? { prepareProvider: true } : true,
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        codeLensProvider: {},
      },
    };
  });
  connection.onInitialized(() => {
    if (client.watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.inputs.json" }, { globPattern: "**/*.tenor" }] });
    }
  });
  connection.onDidChangeWatchedFiles(refreshAll);

  documents.onDidChangeContent(({ document }) => {
    schedule(document.uri);
    // Sheets that import this one read it as the editor has it.
    const path = pathOfUri(document.uri);
    if (path !== null) {
      for (const uri of sheets.dependentsOf(path)) {
        sheets.forget(uri);
        schedule(uri);
      }
    }
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    sheets.forget(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  const on = <T>(uri: string, answer: (a: SheetAnalysis, doc: TextDocument) => T, none: T): T => {
    const got = analysisOf(uri);
    return got === null ? none : answer(got.analysis, got.doc);
  };
  connection.onCompletion((p) => on(p.textDocument.uri, (a, d) => completionItems(a, d, p.position, client.snippets), []));
  connection.onHover((p) => on(p.textDocument.uri, (a, d) => hoverOf(a, d, p.position, client.markdownHover), null));
  connection.onDefinition((p) => on(p.textDocument.uri, (a, d) => definitionOf(a, d, p.position), null));
  connection.onReferences((p) => on(p.textDocument.uri, (a, d) => referencesOf(a, d, p.position, p.context.includeDeclaration), []));
  connection.onPrepareRename((p) => on(p.textDocument.uri, (a, d) => prepareRenameOf(a, d, p.position), null));
  connection.onRenameRequest((p) => on(p.textDocument.uri, (a, d) => renameOf(a, d, p.position, p.newName), null));
  connection.onDocumentSymbol((p) => on(p.textDocument.uri, documentSymbols, []));
  connection.onDocumentFormatting((p) => on(p.textDocument.uri, (_, d) => formattingEdits(d), []));
  connection.onCodeLens((p) => on(p.textDocument.uri, ledgerLenses, []));

  documents.listen(connection);
  connection.listen();
}
