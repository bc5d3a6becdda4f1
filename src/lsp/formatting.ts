/**
 * Format document: `tenor fmt`'s layout (src/syntax/print.ts) as one edit
 * of the whole text. A sheet with syntax errors is left as it is (no edit;
 * its diagnostics say what to fix), as `tenor fmt` refuses it.
 */
import type { TextEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { formatSource } from "../syntax/print.ts";

export function formattingEdits(doc: TextDocument): TextEdit[] {
  const text = doc.getText();
  const formatted = formatSource(text).value;
  if (formatted === null || formatted === text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, newText: formatted }];
}
