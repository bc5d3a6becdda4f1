/**
 * The explanation as CommonMark: `#` headings, `-` lists (nested by two
 * spaces), pipe tables. Characters markdown would read as markup are
 * escaped, so a title or a name is always shown as written.
 */
import type { Block, ExplainDocument, Item } from "./document.ts";

/** Text with markdown's punctuation escaped (`*`, `_`, `[`, `|`, …); brackets `(` `)` mean nothing without `[`. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]#+!|<>~]/g, (c) => `\\${c}`).replace(/^(\d+)\./, "$1\\.").replace(/^-/, "\\-");
}

function items(list: readonly Item[], indent: string): string {
  return list.map((i) => {
    const children = i.children.map((b) => blockMarkdown(b, `${indent}  `));
    return [`${indent}- ${escapeMarkdown(i.text)}`, ...children].join("\n");
  }).join("\n");
}

function row(cells: readonly string[], indent: string): string {
  return `${indent}| ${cells.map((c) => escapeMarkdown(c)).join(" | ")} |`;
}

function blockMarkdown(b: Block, indent: string): string {
  switch (b.kind) {
    case "heading": return `${"#".repeat(b.level)} ${escapeMarkdown(b.text)}`;
    case "paragraph": return `${indent}${escapeMarkdown(b.text)}`;
    case "list": return items(b.items, indent);
    case "table": return [row(b.header, indent), `${indent}|${b.header.map(() => " --- |").join("")}`, ...b.rows.map((r) => row(r, indent))].join("\n");
  }
}

export function renderMarkdown(doc: ExplainDocument): string {
  // Blocks nested in a list item join it with a blank line only at the top level.
  return doc.blocks.map((b) => blockMarkdown(b, "")).join("\n\n") + "\n";
}
