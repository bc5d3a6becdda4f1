/**
 * The explanation as plain text: headings underlined, paragraphs wrapped
 * at 78 columns, lists with "-" (nested ones indented), tables with aligned
 * columns. Text is printed as it is (no markup to escape).
 */
import type { Block, ExplainDocument, Item } from "./document.ts";

const WIDTH = 78;

/** `text` wrapped at WIDTH, the first line after `first`, the others after `rest` (words are never cut). */
export function wrap(text: string, first: string, rest: string): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(" ").filter((w) => w !== "")) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = rest + word;
    } else line += (empty ? "" : " ") + word;
    empty = false;
  }
  lines.push(line);
  return lines.join("\n");
}

function items(list: readonly Item[], indent: string): string {
  return list.map((i) => {
    const head = wrap(i.text, `${indent}- `, `${indent}  `);
    const children = i.children.map((b) => blockText(b, `${indent}  `));
    return [head, ...children].join("\n");
  }).join("\n");
}

/** Columns aligned; while the table is wider than WIDTH, its widest column is wrapped narrower (to 20 at least). */
function tableText(header: readonly string[], rows: readonly (readonly string[])[], indent: string): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const total = () => indent.length + widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1);
  while (total() > WIDTH) {
    const widest = widths.indexOf(Math.max(...widths));
    const narrower = Math.max(20, header[widest]!.length, widths[widest]! - (total() - WIDTH));
    if (narrower >= widths[widest]!) break;
    widths[widest] = narrower;
  }
  const line = (r: readonly string[]) => {
    const cells = widths.map((w, c) => wrapTo(r[c] ?? "", w));
    const height = Math.max(...cells.map((x) => x.length));
    const lines: string[] = [];
    for (let i = 0; i < height; i++) lines.push((indent + cells.map((x, c) => (x[i] ?? "").padEnd(widths[c]!)).join("  ")).trimEnd());
    return lines.join("\n");
  };
  return [line(header), indent + widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** Words of `text` in lines of at most `width` (a longer word has a line of its own). */
function wrapTo(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

function blockText(b: Block, indent: string): string {
  switch (b.kind) {
    case "heading": {
      if (b.level === 3) return b.text;
      return `${b.text}\n${(b.level === 1 ? "=" : "-").repeat(b.text.length)}`;
    }
    case "paragraph": return wrap(b.text, indent, indent);
    case "list": return items(b.items, indent);
    case "table": return tableText(b.header, b.rows, indent);
  }
}

export function renderText(doc: ExplainDocument): string {
  return doc.blocks.map((b) => blockText(b, "")).join("\n\n") + "\n";
}
