/**
 * explain's "Most that can be paid" section (docs/risk.md "tenor bound"):
 * for each clause and each payer → payee pair of it, the bound over the
 * term and in any one contract year, in words a lawyer reads; a clause
 * with no limit says what leaves it open.
 */
import type { CheckedProgram } from "../check/checked-program.ts";
import { lowerProgram } from "../compile/lower.ts";
import { isUnbounded, larger, type Amount } from "../risk/bound/amount.ts";
import { boundTerms } from "../risk/bound/bound.ts";
import { groupDigits } from "../text/group-digits.ts";
import { heading, paragraph, table, type Block } from "./document.ts";

export function boundBlocks(checked: CheckedProgram): Block[] {
  const report = boundTerms(lowerProgram(checked)).value;
  const rows = report.clauses.flatMap((c) => c.pairs.map((p) => {
    const money = (a: Amount): string => (isUnbounded(a) ? `no limit (${a.unbounded})` : `${groupDigits(a.toFixed(report.decimals))} ${report.currency}`);
    const year = p.contractYears.reduce(larger, p.contractYears[0] ?? p.term);
    return [c.title, `${p.payer} pays ${p.payee}`, money(p.term), money(year)];
  }));
  if (rows.length === 0) return [];
  return [
    heading(2, "Most that can be paid"),
    paragraph("The most each clause can make one party pay the other, for any inputs within their declared ranges and any events within their declared counts, after the caps and the clauses' dates."),
    table(["clause", "who pays whom", "over the term", "in any one contract year"], rows),
  ];
}
