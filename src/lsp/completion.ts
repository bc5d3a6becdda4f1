/**
 * Completion: the playground's (src/editor/completion.ts) at the cursor,
 * each item replacing the part of the name already typed. Snippets go as
 * snippets to a client that takes them, as their plain text otherwise.
 */
import { InsertTextFormat, type CompletionItem } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Position } from "vscode-languageserver/node";
import { completionsAt } from "../editor/completion.ts";
import { snippetText } from "../editor/snippets.ts";
import { completionKind } from "./convert.ts";
import type { SheetAnalysis } from "./sheets.ts";

export function completionItems(analysis: SheetAnalysis, doc: TextDocument, position: Position, snippets: boolean): CompletionItem[] {
  const offset = doc.offsetAt(position);
  const text = analysis.text;
  let start = offset;
  while (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1]!)) start--;
  const range = { start: doc.positionAt(start), end: position };
  const items = completionsAt(analysis.result.index, text, offset);
  const width = String(items.length).length;
  return items.map((c, i) => {
    const asSnippet = c.snippet && snippets;
    return {
      label: c.label,
      kind: completionKind(c.kind),
      detail: c.detail,
      ...(c.documentation === undefined || c.documentation === "" ? {} : { documentation: c.documentation }),
      // The order completionsAt chose (what fits here first), not the alphabet's.
      sortText: String(i).padStart(width, "0"),
      insertTextFormat: asSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range, newText: c.snippet && !asSnippet ? snippetText(c.insertText) : c.insertText },
    };
  });
}
