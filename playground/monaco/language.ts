/**
 * Tenor as a Monaco language: Monarch highlighting generated from the
 * lexer's tokens (src/editor/monarch.ts), and completion, hover and go to
 * definition answered from the analysis worker's symbol index of the very
 * text in the editor (the providers wait for the analysis of the model's
 * current version). Format document runs the CLI's formatter (`tenor fmt`)
 * on the editor's text and leaves a file with syntax errors as it is.
 */
import type { editor, IDisposable, languages, Position } from "monaco-editor/editor";
import { tenorMonarch } from "../../src/editor/monarch.ts";
import { TENOR_LANGUAGE_CONFIGURATION } from "../../src/editor/language-configuration.ts";
import { COMPLETION_KIND_NAMES, completionsAt } from "../../src/editor/completion.ts";
import type { CompletionKind } from "../../src/editor/completion.ts";
import { definitionAt, hoverAt, hoverMarkdown } from "../../src/editor/lookup.ts";
import { formatSource } from "../../src/syntax/print.ts";
import type { SymbolIndex } from "../../src/editor/symbols.ts";
import type { Range } from "../../src/diagnostics/range.ts";
import { monaco } from "./setup.ts";

export const TENOR_LANGUAGE = "tenor";

/** Where the providers get the index for a model's current text (null: not available in time). */
export type IndexFor = (model: editor.ITextModel) => Promise<SymbolIndex | null>;

const configuration: languages.LanguageConfiguration = TENOR_LANGUAGE_CONFIGURATION;

function kindOf(kind: CompletionKind): languages.CompletionItemKind {
  return monaco.languages.CompletionItemKind[COMPLETION_KIND_NAMES[kind]];
}

function toMonacoRange(model: editor.ITextModel, r: Range): monaco.IRange {
  const a = model.getPositionAt(r.start);
  const b = model.getPositionAt(r.end);
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
}


/** Registers the language, its highlighting and its providers; returns what to dispose. */
export function registerTenor(indexFor: IndexFor): IDisposable[] {
  monaco.languages.register({ id: TENOR_LANGUAGE, extensions: [".tenor"], aliases: ["Tenor"] });
  monaco.editor.defineTheme("tenor-light", {
    base: "vs",
    inherit: true,
    rules: [
      { token: "keyword", foreground: "0033b3", fontStyle: "bold" },
      { token: "number.date", foreground: "7a3e9d" },
      { token: "predefined", foreground: "00627a" },
      { token: "variable.predefined", foreground: "871094", fontStyle: "italic" },
      { token: "string.invalid", foreground: "cd3131", fontStyle: "underline" },
    ],
    colors: {},
  });
  return [
    monaco.languages.setMonarchTokensProvider(TENOR_LANGUAGE, tenorMonarch() as unknown as languages.IMonarchLanguage),
    monaco.languages.setLanguageConfiguration(TENOR_LANGUAGE, configuration),
    monaco.languages.registerCompletionItemProvider(TENOR_LANGUAGE, {
      async provideCompletionItems(model: editor.ITextModel, position: Position) {
        const index = await indexFor(model);
        if (index === null) return { suggestions: [] };
        const word = model.getWordUntilPosition(position);
        const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
        const items = completionsAt(index, model.getValue(), model.getOffsetAt(position));
        return {
          suggestions: items.map((c) => ({
            label: c.label,
            kind: kindOf(c.kind),
            detail: c.detail,
            documentation: c.documentation,
            insertText: c.insertText,
            insertTextRules: c.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : monaco.languages.CompletionItemInsertTextRule.None,
            range,
          })),
        };
      },
    }),
    monaco.languages.registerHoverProvider(TENOR_LANGUAGE, {
      async provideHover(model: editor.ITextModel, position: Position) {
        const index = await indexFor(model);
        const info = index === null ? null : hoverAt(index, model.getOffsetAt(position));
        if (info === null) return null;
        return {
          range: toMonacoRange(model, info.range),
          contents: hoverMarkdown(info.signature, info.details).map((value) => ({ value })),
        };
      },
    }),
    monaco.languages.registerDocumentFormattingEditProvider(TENOR_LANGUAGE, {
      provideDocumentFormattingEdits(model: editor.ITextModel) {
        const formatted = formatSource(model.getValue()).value;
        return formatted === null || formatted === model.getValue() ? [] : [{ range: model.getFullModelRange(), text: formatted }];
      },
    }),
    monaco.languages.registerDefinitionProvider(TENOR_LANGUAGE, {
      async provideDefinition(model: editor.ITextModel, position: Position) {
        const index = await indexFor(model);
        const target = index === null ? null : definitionAt(index, model.getOffsetAt(position));
        return target === null ? null : { uri: model.uri, range: toMonacoRange(model, target) };
      },
    }),
  ];
}
