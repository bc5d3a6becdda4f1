/**
 * The explanation as a standalone HTML page: headings, paragraphs, nested
 * lists and tables, every piece of text escaped (`&`, `<`, `>`, `"`, `'`),
 * so no title or name can inject markup.
 */
import type { Block, ExplainDocument, Item } from "./document.ts";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function items(list: readonly Item[]): string {
  return `<ul>\n${list.map((i) => `<li>${escapeHtml(i.text)}${i.children.map((b) => `\n${blockHtml(b)}`).join("")}</li>`).join("\n")}\n</ul>`;
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case "heading": return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case "paragraph": return `<p>${escapeHtml(b.text)}</p>`;
    case "list": return items(b.items);
    case "table": {
      const head = `<thead><tr>${b.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>`;
      const body = b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
      return `<table>\n${head}\n<tbody>\n${body}\n</tbody>\n</table>`;
    }
  }
}

export function renderHtml(doc: ExplainDocument): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>${escapeHtml(doc.title)}</title>`,
    "<style>body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.45}table{border-collapse:collapse}th,td{border:1px solid #999;padding:.2em .6em;text-align:left}</style>",
    "</head>",
    "<body>",
    ...doc.blocks.map(blockHtml),
    "</body>",
    "</html>",
  ].join("\n") + "\n";
}
