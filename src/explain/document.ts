/**
 * The neutral document `tenor explain` builds (src/explain/explain.ts) and
 * the renderers print as text, markdown or html: headings, paragraphs of
 * plain sentences, lists (nested for clause statements inside blocks) and
 * tables (schedules, tiers, template parameters). Text is plain: each
 * renderer escapes it for its format.
 */

/** A list item: a sentence, with the statements or sub-points under it. */
export interface Item {
  readonly text: string;
  readonly children: readonly Block[];
}

export type Block =
  | { readonly kind: "heading"; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly Item[] }
  | { readonly kind: "table"; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] };

/** A whole explanation: the deal's title and its blocks in reading order. */
export interface ExplainDocument {
  readonly title: string;
  readonly blocks: readonly Block[];
}

export function heading(level: 1 | 2 | 3, text: string): Block {
  return { kind: "heading", level, text };
}

export function paragraph(text: string): Block {
  return { kind: "paragraph", text };
}

export function list(items: readonly (string | Item)[]): Block {
  return { kind: "list", items: items.map((i) => (typeof i === "string" ? { text: i, children: [] } : i)) };
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): Block {
  return { kind: "table", header, rows };
}
