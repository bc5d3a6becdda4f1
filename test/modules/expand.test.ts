import { describe, expect, it } from "vitest";
import { checkSource, runSource } from "../../src/api.ts";
import type { ClauseDecl } from "../../src/syntax/ast.ts";
import { amounts, codes, HEADER, withFiles } from "./helpers.ts";

const SHARE = `template clause revenue_share(payer: party, payee: party, base: money, rate: number = 10%) "Revenue share" {
  payer pays payee base * rate
}
`;

const row = (period: string, revenue: string, sold = "0", capacity = "0") => ({ period, revenue, sold, capacity });

describe("using a template", () => {
  it("makes a clause under the use's name and title, with the template's title as the fallback", () => {
    const source = `${SHARE}${HEADER}
use revenue_share as titled "Vendor share" { payer = sharon, payee = nvidia, base = revenue }
use revenue_share as untitled { payer = sharon, payee = nvidia, base = revenue, rate = 5% }
`;
    const checked = checkSource(source).value!;
    const clauses = checked.clauses as readonly ClauseDecl[];
    expect(clauses.map((c) => [c.name.text, c.title?.value])).toEqual([["titled", "Vendor share"], ["untitled", "Revenue share"]]);
    expect(amounts(source, [row("2026-07-01", "1000.00")])).toEqual([
      "1 titled sharon->nvidia 100.00",
      "1 untitled sharon->nvidia 50.00",
    ]);
  });

  it("gives each use its own caps and consecutive conditions", () => {
    const sheet = `template clause bonus(payer: party, payee: party, amount: money, cap_amount: money) {
  when amount > 0 money for 2 consecutive periods { payer pays payee amount }
  cap cap_amount over term
}
${HEADER}
use bonus as small { payer = sharon, payee = nvidia, amount = 100 USD, cap_amount = 150 USD }
use bonus as large { payer = sharon, payee = nvidia, amount = 300 USD, cap_amount = 1000 USD }
`;
    expect(amounts(sheet, [row("2026-07-01", "1"), row("2026-08-01", "1"), row("2026-09-01", "1")])).toEqual([
      "2 small sharon->nvidia 100.00",
      "2 large sharon->nvidia 300.00",
      "3 small sharon->nvidia 50.00 capped",
      "3 large sharon->nvidia 300.00",
    ]);
  });

  it("replaces unit parameters in types and literals, and money by the deal currency", () => {
    const source = `template clause buyback(buyer: party, seller: party, q: unit, sold: q, capacity: q, price: money per q) {
  let unsold = max(capacity - sold, 0 q)
  buyer pays seller unsold * price
}
${HEADER}
use buyback as buy { buyer = nvidia, seller = sharon, q = gpu_hour, sold = sold, capacity = capacity, price = 2 USD per gpu_hour }
`;
    expect(amounts(source, [row("2026-07-01", "0", "60", "100"), row("2026-08-01", "0", "120", "100")])).toEqual([
      "1 buy nvidia->sharon 80.00",
    ]);
  });

  it("lets a default use the parameters before it", () => {
    const source = `template clause fee(payer: party, payee: party, base: money, rate: number, floor_amount: money = base * rate / 2) {
  payer pays payee max(base * rate, floor_amount)
}
${HEADER}
use fee as f { payer = sharon, payee = nvidia, base = 1000 USD, rate = revenue / 1000 USD }
`;
    expect(amounts(source, [row("2026-07-01", "10")])).toEqual(["1 f sharon->nvidia 10.00"]);
  });

  it("binds an event parameter's arguments to the sheet's event, whatever their names", () => {
    const source = `template clause cover(guarantor: party, beneficiary: party, default: event(amount: money), cap_amount: money) {
  on default { guarantor pays beneficiary amount }
  cap cap_amount over term
}
${HEADER}
use cover as lease_cover { guarantor = nvidia, beneficiary = landlord, default = lease_default, cap_amount = 1000 USD }
`;
    const inputs = JSON.stringify({
      periods: [row("2026-07-01", "0")],
      events: [{ date: "2026-07-10", event: "lease_default", missed_rent: "600.00" }, { date: "2026-07-20", event: "lease_default", missed_rent: "600.00" }],
    });
    expect(codes(source)).toEqual([]);
    const ledger = runSource(source, [{ name: "i.json", text: inputs }]).ledger!;
    expect(ledger.periods[0]!.lines.map((l) => `${l.amount}${l.capped ? " capped" : ""}`)).toEqual(["600.00", "400.00 capped"]);
  });

  it("renames a template's let that has the name of one of the sheet's values, so neither hides the other", () => {
    const source = `template clause share(payer: party, payee: party, base: money) {
  let rate = 10%
  payer pays payee base * rate
}
${HEADER}
const rate = 3
use share as s { payer = sharon, payee = nvidia, base = revenue * rate }
`;
    const checked = checkSource(source).value!;
    const body = (checked.clauses[0] as ClauseDecl).body;
    expect(body[0]!.kind === "Let" && body[0].name.text).toBe("s.rate");
    expect(amounts(source, [row("2026-07-01", "100")])).toEqual(["1 s sharon->nvidia 30.00"]);
  });

  it("makes schedules and consts from schedule and const templates", () => {
    const source = `template schedule stepped(first: number, later: number) by contract_year {
  year 1: first
  year 2 onward: later
}
template const count(total: money, price: money) = floor(total / price)
${HEADER}
use stepped as rate { first = 10%, later = 5% }
use count as shares { total = 1000 USD, price = 3 USD }
clause share { sharon pays nvidia revenue * rate * shares / 333 }
`;
    expect(amounts(source, [row("2026-07-01", "1000")])).toEqual(["1 share sharon->nvidia 100.00"]);
  });

  it("imports templates from a file, and the templates that file imports", () => {
    const files = withFiles({
      "stdlib/base.tenor": SHARE,
      "stdlib/all.tenor": `import revenue_share from "./base"\n`,
    });
    const source = `import revenue_share from "stdlib/all"\n${HEADER}\nuse revenue_share as s { payer = sharon, payee = nvidia, base = revenue }\n`;
    expect(codes(source, files)).toEqual([]);
    expect(amounts(source, [row("2026-07-01", "70")], files)).toEqual(["1 s sharon->nvidia 7.00"]);
  });
});
