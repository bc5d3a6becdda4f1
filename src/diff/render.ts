/**
 * The redline as a document (src/explain/document.ts), printed by
 * explain's own renderers: the same words, money and layout in text,
 * markdown and html. JSON is the report itself (./report.ts).
 */
import { heading, list, paragraph, table, type Block, type ExplainDocument, type Item } from "../explain/document.ts";
import { renderExplanation } from "../explain/index.ts";
import { moneyWords } from "../explain/words.ts";
import type { DiffReport, MoneyChange, MoneyReport } from "./report.ts";

export const DIFF_FORMATS = ["text", "markdown", "html", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** A change in money with its sign: `+$1,250.00`, `-$80.00`, `$0.00`. */
export function signedMoney(delta: string, currency: string): string {
  if (delta.startsWith("-")) return `-${moneyWords(delta.slice(1), currency)}`;
  return /^[0.]+$/.test(delta) ? moneyWords(delta, currency) : `+${moneyWords(delta, currency)}`;
}

function cells(m: MoneyChange, currency: string): string[] {
  return [moneyWords(m.old, currency), moneyWords(m.new, currency), signedMoney(m.delta, currency)];
}

function moneyBlocks(m: MoneyReport, parties: Readonly<Record<string, string>>): Block[] {
  const name = (p: string) => parties[p] ?? p;
  const c = m.currency;
  const blocks: Block[] = [heading(2, "Changes in money")];
  if (m.periods.length === 0 && m.grants.length === 0) {
    blocks.push(paragraph("On this data both versions pay the same amounts in every period."));
    return blocks;
  }
  blocks.push(list(m.summary));
  blocks.push(heading(3, "By clause"));
  blocks.push(table(["Clause", "Old", "New", "Change"], [
    ...m.clauses.map((r) => [`${r.clause}${r.presence === "both" ? "" : r.presence === "new" ? " (added)" : " (removed)"}`, ...cells(r, c)]),
    ["Total", ...cells(m.total, c)],
  ]));
  blocks.push(heading(3, "By payer and payee"));
  blocks.push(table(["Payer → payee", "Old", "New", "Change"], [
    ...m.pairs.map((r) => [`${name(r.payer)} → ${name(r.payee)}`, ...cells(r, c)]),
    ["Total", ...cells(m.total, c)],
  ]));
  blocks.push(heading(3, "By period"));
  // Narrow enough for 78 columns: parties by their short names, and only the change (the JSON has both amounts).
  blocks.push(paragraph("Only the periods and lines that differ; parties by their names in the sheet."));
  const rows: string[][] = [];
  for (const p of m.periods) {
    for (const l of p.lines) rows.push([String(p.index), p.start, l.clause, `${l.payer} → ${l.payee}`, signedMoney(l.delta, c)]);
    if (p.lines.length > 1) rows.push([String(p.index), p.start, "all", "", signedMoney(p.delta, c)]);
  }
  blocks.push(table(["Period", "Starts", "Clause", "Payer → payee", "Change"], rows));
  if (m.grants.length > 0) {
    blocks.push(heading(3, "Grants"));
    blocks.push(table(["Clause", "Grantor → grantee", "Instrument", "Old", "New", "Change"], m.grants.map((g) => [
      g.clause, `${name(g.grantor)} → ${name(g.grantee)}`, g.instrument.replace(/_/g, " "), g.old, g.new, g.delta.startsWith("-") ? g.delta : `+${g.delta}`,
    ])));
  }
  return blocks;
}

/** The redline as an explain document: what text, markdown and html print. */
export function diffDocument(report: DiffReport): ExplainDocument {
  const t = report.titles;
  const title = t.old === t.new ? `Redline: ${t.new}` : `Redline: ${t.old} → ${t.new}`;
  const blocks: Block[] = [heading(1, title)];
  if (report.terms.length === 0) {
    blocks.push(paragraph("No change: the two versions state the same terms (layout, comments and test blocks aside)."));
  } else {
    blocks.push(heading(2, "Changes in the terms"));
    blocks.push(list(report.terms.map((ch): Item => ({
      text: ch.text,
      children: ch.details.length === 0 ? [] : [list(ch.details)],
    }))));
  }
  for (const f of report.failures) {
    blocks.push(paragraph(`The ${f.version} version could not be settled on the data (${f.failure === "inputs" ? "the data does not fit it" : "it failed while settling"}): see its diagnostics.`));
  }
  if (report.money !== null) blocks.push(...moneyBlocks(report.money, report.parties));
  return { title, blocks };
}

/**
 * The redline in `format`: "text" (78 columns, as `tenor explain`),
 * "markdown", "html" (a fragment, escaped) or "json" (the DiffReport,
 * two-space indented, one trailing newline).
 */
export function renderDiff(report: DiffReport, format: DiffFormat): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  return renderExplanation(diffDocument(report), format);
}
