/**
 * Go to definition, find references and rename, over the symbol index of
 * the sheet (src/editor/lookup.ts, src/editor/occurrences.ts). Every place
 * is in the sheet itself: an imported template's declaration has no place
 * here, so it has no definition to go to and cannot be renamed.
 */
import { LSPErrorCodes, ResponseError, type Location, type Position, type Range, type WorkspaceEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { definitionAt, symbolAt } from "../editor/lookup.ts";
import { occurrencesAt, planRename, renameTarget } from "../editor/occurrences.ts";
import { toLspRange } from "./convert.ts";
import type { SheetAnalysis } from "./sheets.ts";

export function definitionOf(analysis: SheetAnalysis, doc: TextDocument, position: Position): Location | null {
  const target = definitionAt(analysis.result.index, doc.offsetAt(position));
  return target === null ? null : { uri: analysis.uri, range: toLspRange(doc, target) };
}

export function referencesOf(analysis: SheetAnalysis, doc: TextDocument, position: Position, includeDeclaration: boolean): Location[] {
  const found = occurrencesAt(analysis.result.index, doc.offsetAt(position));
  if (found === null) return [];
  const ranges = includeDeclaration && found.declaration !== null ? [found.declaration, ...found.uses] : found.uses;
  return [...ranges].sort((a, b) => a.start - b.start).map((r) => ({ uri: analysis.uri, range: toLspRange(doc, r) }));
}

/** The name a rename would change, under the cursor; a refusal says why (shown by the editor). */
export function prepareRenameOf(analysis: SheetAnalysis, doc: TextDocument, position: Position): { range: Range; placeholder: string } {
  const offset = doc.offsetAt(position);
  const target = renameTarget(analysis.result.index, offset);
  if (!target.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, target.reason);
  return { range: toLspRange(doc, symbolAt(analysis.result.index, offset)!.range), placeholder: target.symbol.name };
}

export function renameOf(analysis: SheetAnalysis, doc: TextDocument, position: Position, newName: string): WorkspaceEdit {
  const plan = planRename(analysis.result.index, analysis.text, doc.offsetAt(position), newName, analysis.options);
  if (!plan.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, plan.reason);
  return { changes: { [analysis.uri]: plan.ranges.map((r) => ({ range: toLspRange(doc, r), newText: newName })) } };
}
