/** `tenor explain`: the checked program in English, and its three renderings. */
import type { ExplainDocument } from "./document.ts";
import { renderHtml } from "./render-html.ts";
import { renderMarkdown } from "./render-markdown.ts";
import { renderText } from "./render-text.ts";

export { explainProgram, explainContext, declarationSection, type ExplainSources } from "./explain.ts";
export type { ExplainDocument } from "./document.ts";

export const EXPLAIN_FORMATS = ["text", "markdown", "html"] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

export function renderExplanation(doc: ExplainDocument, format: ExplainFormat): string {
  switch (format) {
    case "text": return renderText(doc);
    case "markdown": return renderMarkdown(doc);
    case "html": return renderHtml(doc);
  }
}
