import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/syntax/print.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { stripRanges } from "./strip-ranges.ts";

const format = (source: string) => {
  const result = formatSource(source);
  expect(result.diagnostics).toEqual([]);
  return result.value!;
};

const MESSY = `import   revenue_share ,buyback from "stdlib/shares"
template clause fee( payer : party,payee: party, amount: money = 5 USD ) "Fee" { payer pays payee amount }
template clause buyback(buyer: party, seller: party, q: unit, sold: q, capacity: q, price: money per q,
  // how many weak periods in a row
  weak_periods: number = 3, sunset: date, default: event(amount: money, days_uncured: number)) {
  when sold / capacity < 70% for weak_periods consecutive periods { buyer pays seller (capacity - sold) * price }
  until sunset
}
template schedule rate(first: number, later: number) by contract_year { year 1: first
 year 2 onward: later }
template const count(total: money, price: money) = floor(total / price)
use fee as monthly_fee "Monthly fee" { payer = sharon, payee = nvidia
  amount = 10 USD }
`;

const CANONICAL = `import revenue_share, buyback from "stdlib/shares"

template clause fee(payer: party, payee: party, amount: money = 5 USD) "Fee" {
  payer pays payee amount
}

template clause buyback(
  buyer: party,
  seller: party,
  q: unit,
  sold: q,
  capacity: q,
  price: money per q,
  // how many weak periods in a row
  weak_periods: number = 3,
  sunset: date,
  default: event(amount: money, days_uncured: number),
) {
  when sold / capacity < 70% for weak_periods consecutive periods {
    buyer pays seller (capacity - sold) * price
  }
  until sunset
}

template schedule rate(first: number, later: number) by contract_year {
  year 1: first
  year 2 onward: later
}

template const count(total: money, price: money) = floor(total / price)

use fee as monthly_fee "Monthly fee" {
  payer = sharon
  payee = nvidia
  amount = 10 USD
}
`;

describe("formatting imports, templates and uses", () => {
  it("writes them in the canonical layout, long parameter lists one per line with their comments", () => {
    expect(format(MESSY)).toBe(CANONICAL);
  });

  it("is idempotent and keeps the meaning", () => {
    expect(format(CANONICAL)).toBe(CANONICAL);
    expect(stripRanges(parseSource(CANONICAL).value)).toEqual(stripRanges(parseSource(MESSY).value));
  });

  it("refuses parameters on a declaration that is not a template", () => {
    const parsed = parseSource(`const fee(x: number) = 2`);
    expect(parsed.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      "TN1010 only a template takes parameters; write template before the declaration to make it one",
    ]);
  });
});
