/**
 * The VS Code extension's client: starts `tenor lsp` (tenor.server.command
 * and tenor.server.args) over stdio for the `tenor` language and hands it to
 * vscode-languageclient, which does the rest of the protocol. Bundled with
 * vscode-languageclient into one CommonJS file by scripts/build-vscode.ts,
 * so the packaged extension needs nothing from npm.
 */
import { commands, workspace, type ExtensionContext } from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function newClient(): LanguageClient {
  const config = workspace.getConfiguration("tenor");
  const server: ServerOptions = {
    command: config.get<string>("server.command", "tenor"),
    args: config.get<string[]>("server.args", ["lsp"]),
    // Windows starts `tenor` through its .cmd shim, which needs a shell.
    options: { shell: process.platform === "win32" },
  };
  const options: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "tenor" }, { scheme: "untitled", language: "tenor" }],
  };
  return new LanguageClient("tenor", "Tenor", server, options);
}

export async function activate(context: ExtensionContext): Promise<void> {
  client = newClient();
  context.subscriptions.push(
    commands.registerCommand("tenor.restartServer", async () => {
      await client?.stop();
      client = newClient();
      await client.start();
    }),
    { dispose: () => void client?.stop() },
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
