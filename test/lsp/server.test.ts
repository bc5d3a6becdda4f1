/**
 * `tenor lsp` over stdio, spoken to by vscode-languageserver-protocol's
 * client side: diagnostics as you type (with their codes, at their place,
 * imports resolved as in the CLI), completion, formatting, and the process
 * rules (exit code, other commands never loading the server).
 */
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CompletionRequest, DidChangeTextDocumentNotification, DocumentFormattingRequest, HoverRequest, InsertTextFormat,
  type CompletionItem, type TextEdit,
} from "vscode-languageserver-protocol/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { formatSource } from "../../src/syntax/print.ts";
import { ROOT, startClient, type TestClient } from "./client.ts";
import { folderWith, positionOf, SHARON, SMALL, uriOf } from "./fixtures.ts";

let client: TestClient;
const dir = folderWith({});
beforeAll(async () => {
  client = await startClient();
});
afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("diagnostics as you type", () => {
  it("publishes a typo with its code, message and place, the stdlib imports resolved as in the CLI", async () => {
    const text = SHARON.replace("base = revenue", "base = revenu");
    const uri = uriOf(dir, "typo.tenor");
    const published = await client.open(uri, text);
    const start = positionOf(text, "base = revenu", "base = ".length);
    expect(published.diagnostics).toEqual([{
      range: { start, end: { line: start.line, character: start.character + "revenu".length } },
      severity: 1,
      code: "TN2001",
      source: "tenor",
      message: "unknown name revenu; did you mean revenue?",
    }]);
  });

  it("publishes again after an incremental change: the fixed typo clears, a new one shows", async () => {
    const text = SMALL;
    const uri = uriOf(dir, "edited.tenor");
    expect((await client.open(uri, text)).diagnostics).toEqual([]);
    const at = positionOf(text, "revenue * share", "revenue * ".length);
    const next = client.nextDiagnostics(uri);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + "share".length } }, text: "shar" }],
    });
    const published = await next;
    expect(published.version).toBe(2);
    expect(published.diagnostics.map((d) => [d.code, d.range.start, d.message])).toEqual([["TN2001", at, "unknown name shar; did you mean share?"]]);
    const fixed = client.nextDiagnostics(uri);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + "shar".length } }, text: "share" }],
    });
    expect((await fixed).diagnostics).toEqual([]);
  });

  it("links a mistake in a template's parameter to the parameter in the stdlib file", async () => {
    const text = SHARON.replace("rate = share_rate", "rate = 5 USD");
    const [d] = (await client.open(uriOf(dir, "param.tenor"), text)).diagnostics;
    expect(d).toMatchObject({ code: "TN2208", message: "rate takes a plain number, but this is USD", range: { start: positionOf(text, "rate = 5 USD", "rate = ".length) } });
    expect(d!.relatedInformation).toHaveLength(1);
    expect(d!.relatedInformation![0]!.location.uri).toBe(`file://${ROOT}/stdlib/revenue-share.tenor`);
    expect(d!.relatedInformation![0]!.message).toBe("the parameter rate");
  });

  it("resolves a relative import beside the sheet on disk, and refuses it in a buffer that has no file", async () => {
    const common = `template const half_of(x: number) = x / 2\n`;
    writeFileSync(join(dir, "common.tenor"), common);
    const sheet = SMALL.replace('deal "Small"', 'import half_of from "./common"\n\ndeal "Small"').replace("const share = 10%", "use half_of as share { x = 20% }");
    expect((await client.open(uriOf(dir, "importer.tenor"), sheet)).diagnostics).toEqual([]);
    const untitled = await client.open("untitled:Untitled-1", sheet);
    // The import's refusal comes first; the names it would have brought are then unknown.
    expect(untitled.diagnostics.map((d) => [d.code, d.message])[0]).toEqual([
      "TN2200", `cannot import "./common": relative imports resolve from the term sheet's folder: save the term sheet first`,
    ]);
  });

  it("reads an imported file open in the editor as the editor has it, and checks its importers again when it changes", async () => {
    const importer = uriOf(dir, "importer.tenor");
    const republished = client.nextDiagnostics(importer);
    // Unsaved in the editor: the parameter renamed, so the importer's `x = 20%` names none.
    await client.open(uriOf(dir, "common.tenor"), `template const half_of(y: number) = y / 2\n`);
    const diagnostics = (await republished).diagnostics;
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["TN2205", "template half_of has no parameter x; did you mean y?"],
      ["TN2206", "template half_of needs a value for y (number)"],
    ]);
  });
});

describe("completion", () => {
  it("offers the parties after `pays`, replacing the part of the name typed", async () => {
    const text = SMALL.replace("operator pays vendor revenue * share", "operator pays ve");
    const uri = uriOf(dir, "complete.tenor");
    await client.open(uri, text);
    const position = positionOf(text, "pays ve", "pays ve".length);
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionItem[];
    expect(items.map((i) => [i.label, i.kind, i.detail])).toEqual([["operator", 22, "party operator"], ["vendor", 22, "party vendor"]]);
    expect(items[1]!.textEdit).toEqual({ range: { start: { ...position, character: position.character - 2 }, end: position }, newText: "vendor" });
  });

  it("offers names, keywords and the clause snippets at the top level, snippets as snippets", async () => {
    const text = `${SMALL}\n`;
    const uri = uriOf(dir, "top.tenor");
    await client.open(uri, text);
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, "}\n\n", 3) })) as CompletionItem[];
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["revenue", "share", "clause", "schedule", "operator", "clause: revenue share"]));
    const snippet = items.find((i) => i.label === "clause: revenue share")!;
    expect(snippet.insertTextFormat).toBe(InsertTextFormat.Snippet);
    expect((snippet.textEdit as TextEdit).newText).toContain("${3:operator} pays ${4:vendor} ${5:revenue}");
  });

  it("gives a client without snippets or Markdown plain text: a snippet's text, a hover's lines", async () => {
    const plain = await startClient({});
    try {
      const uri = uriOf(dir, "plain.tenor");
      const text = `${SMALL}\n`;
      await plain.open(uri, text);
      const items = (await plain.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, "}\n\n", 3) })) as CompletionItem[];
      const snippet = items.find((i) => i.label === "clause: revenue share")!;
      expect(snippet.insertTextFormat).toBe(InsertTextFormat.PlainText);
      expect((snippet.textEdit as TextEdit).newText).toBe('clause revenue_share "Revenue share" {\n  operator pays vendor revenue * share_rate\n}');
      const call = items.find((i) => i.label === "max")!;
      expect((call.textEdit as TextEdit).newText).toBe("max()");
      const hover = await plain.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, "input revenue", "input r".length) });
      expect(hover!.contents).toEqual({ kind: "plaintext", value: "input revenue: USD\none value per period, from the inputs" });
    } finally {
      expect(await plain.close()).toBe(0);
    }
  });
});

describe("formatting", () => {
  it("formats the document as `tenor fmt` does, in one edit; nothing for a formatted sheet", async () => {
    const messy = SMALL.replace("  operator pays vendor revenue * share", "      operator   pays vendor (revenue) * share").replace("const share = 10%", "const share=10%");
    const uri = uriOf(dir, "messy.tenor");
    await client.open(uri, messy);
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    const formatted = TextDocument.applyEdits(TextDocument.create(uri, "tenor", 1, messy), edits!);
    expect(formatted).toBe(formatSource(messy).value);
    expect(formatted).toBe(SMALL);
    const tidy = uriOf(dir, "tidy.tenor");
    await client.open(tidy, SMALL);
    expect(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: tidy }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
  });

  it("leaves a sheet with syntax errors as it is, as `tenor fmt` does", async () => {
    const broken = SMALL.replace("clause revenue_share", "clause revenue_share {");
    const uri = uriOf(dir, "broken.tenor");
    const published = await client.open(uri, broken);
    expect(published.diagnostics.some((d) => String(d.code).startsWith("TN1"))).toBe(true);
    expect(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
  });
});

describe("the process", () => {
  it("exits 0 after shutdown and exit, as the protocol asks", async () => {
    const c = await startClient();
    expect(await c.close()).toBe(0);
    expect(c.stderr()).toBe("");
  });

  it("is loaded by `tenor lsp` only: `tenor --version` loads none of the protocol libraries", () => {
    // A preloaded script reports, at exit, which vscode-languageserver modules Node loaded.
    const probe = join(dir, "probe.cjs");
    writeFileSync(probe, `process.on("exit", () => process.stderr.write("loaded:" + Object.keys(require.cache).filter((k) => k.includes("vscode-languageserver")).length + "\\n"));\n`);
    const version = spawnSync(process.execPath, ["-r", probe, join(ROOT, "bin", "tenor.mjs"), "--version"], { encoding: "utf8" });
    expect(version.stdout).toBe("0.1.0\n");
    expect(version.stderr).toBe("loaded:0\n");
    // The same probe sees them when the server runs. Its input closed at once, without the protocol's
    // shutdown: it exits 1.
    const lsp = spawnSync(process.execPath, ["-r", probe, join(ROOT, "bin", "tenor.mjs"), "lsp"], { encoding: "utf8", input: "" });
    expect(Number(/loaded:(\d+)/.exec(lsp.stderr)?.[1])).toBeGreaterThan(0);
    expect(lsp.status).toBe(1);
  });
});
