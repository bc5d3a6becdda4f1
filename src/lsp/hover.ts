/**
 * Hover: the declaration of the name under the cursor as the playground
 * shows it, and for a clause what it came to in the ledger when the sheet
 * has an inputs file (the same line as its code lens).
 */
import { MarkupKind, type Hover, type Position } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { hoverMarkdown, symbolAt } from "../editor/lookup.ts";
import { toLspRange } from "./convert.ts";
import { clauseLedgerLine } from "./ledger-lenses.ts";
import type { SheetAnalysis } from "./sheets.ts";

export function hoverOf(analysis: SheetAnalysis, doc: TextDocument, position: Position, markdown: boolean): Hover | null {
  const hit = symbolAt(analysis.result.index, doc.offsetAt(position));
  if (hit === null) return null;
  const { signature, details: declared, kind, name } = hit.symbol;
  const ledger = kind === "clause" ? clauseLedgerLine(analysis, name) : null;
  const details = ledger === null ? declared : [...declared, ledger];
  const value = markdown
    ? hoverMarkdown(signature, details).join("\n\n")
    : [signature, ...details].join("\n");
  return { range: toLspRange(doc, hit.range), contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value } };
}
