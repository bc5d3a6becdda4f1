/** Document symbols: the sheet's outline (src/editor/outline.ts) as the protocol's nested symbols. */
import type { DocumentSymbol } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { outline, type OutlineItem } from "../editor/outline.ts";
import { symbolKind, toLspRange } from "./convert.ts";
import type { SheetAnalysis } from "./sheets.ts";

function symbolOf(item: OutlineItem, doc: TextDocument): DocumentSymbol {
  return {
    name: item.name,
    kind: symbolKind(item.kind),
    detail: item.detail,
    range: toLspRange(doc, item.range),
    selectionRange: toLspRange(doc, item.selectionRange),
    children: item.children.map((c) => symbolOf(c, doc)),
  };
}

export function documentSymbols(analysis: SheetAnalysis, doc: TextDocument): DocumentSymbol[] {
  return outline(analysis.result.index).map((item) => symbolOf(item, doc));
}
