/**
 * `tenor lsp` (docs/editors.md): the language server on standard input and
 * output. Its code is a bundle of its own beside the CLI's
 * (dist/tenor-lsp.mjs; src/lsp/server.ts when running from source), loaded
 * here and only here: `tenor --version` or `tenor run` never load it.
 */
/** What the server module exports (src/lsp/server.ts). Named here, not imported: the server stands above the CLI (it reads sheets as the CLI does), and the CLI only starts it. */
interface LspServer {
  startLanguageServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): void;
}

/** The server module: beside the CLI bundle, or the source when running from source (tests). */
function serverUrl(): URL {
  const here = import.meta.url;
  return here.endsWith(".ts") ? new URL("../../lsp/server.ts", here) : new URL("./tenor-lsp.mjs", here);
}

/**
 * Serves until the client says exit or closes its input: vscode-languageserver
 * then ends the process itself, with the protocol's exit code (0 after
 * shutdown, 1 without), so this never returns.
 */
export async function lspCommand(): Promise<never> {
  const { startLanguageServer } = (await import(serverUrl().href)) as LspServer;
  startLanguageServer(process.stdin, process.stdout);
  return new Promise<never>(() => {});
}
