/**
 * Every construct of docs/language.md has an English form. The kinds of
 * the syntax unions (expressions, statements, declarations) and the
 * built-ins are listed here as records keyed by kind, so tsc fails when a
 * kind is added without an entry; each entry is a phrase the explanation
 * of CONSTRUCTS (a sheet using every construct) must contain. Then every
 * example of docs/language.md that checks is explained without a fallback.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSource, explainSource } from "../../src/api.ts";
import { BUILTIN_NAMES, type BuiltinName } from "../../src/builtins/registry.ts";
import { declarationSection, renderExplanation } from "../../src/explain/index.ts";
import { nodeHost } from "../../src/modules/node-host.ts";
import type { Decl, Expr, ParamType, Stmt } from "../../src/syntax/ast.ts";

const DOC_PATH = fileURLToPath(new URL("../../docs/language.md", import.meta.url));
const modules = nodeHost(DOC_PATH, (path) => readFileSync(path, "utf8"));

const CONSTRUCTS = `import revenue_share from "stdlib/revenue-share"
deal "Every construct"
parties {
  nvidia: "NVIDIA Corporation"
  sharon: "Sharon AI"
}
term 2026-07-01 to 2028-06-30, monthly
calendar agreed: nyse { 2027-11-26 }
paid 15 business days after period_end, modified_following agreed
currency USD, rounding half_up
settle net
units gpu_hour, EUR
input revenue: USD
input sold_hours: gpu_hour
input uptime: number
input eur_usd: USD per EUR
input revenue_eur: EUR
event lease_default(missed_rent: USD)
const price = 1.85 USD per gpu_hour
const strike = 12.50 USD
const fee_base = 2 * 10 million USD
schedule share_rate by contract_year, tapering { year 1: 15%  year 2 onward: 10% }
tiers credit { 0 to 99%: 10%  99% onward: 0% }
template clause flat(payer: party, payee: party, amount: money) { payer pays payee amount }
template clause rich(payer: party, payee: party, q: unit, price: money per q, n: q, scale: tiers, start: date, grace: days = 30 days, hit: event(missed_rent: money)) {
  on hit { payer pays payee n * price * tier(scale, 5%) }
  from start
}
use rich as rich_fee { payer = nvidia  payee = sharon  q = gpu_hour  price = price  n = sold_hours  scale = credit  start = 2026-09-01  hit = lease_default }
use flat as flat_fee "Flat fee" { payer = sharon  payee = nvidia  amount = 1_000 USD }
use revenue_share as share "Revenue share" { payer = sharon  payee = nvidia  base = revenue  rate = share_rate }

clause everything "Everything" {
  let hours = max(sold_hours, 0 gpu_hour)
  balance banked = 0 USD
  add revenue to banked
  subtract 1 USD from banked
  when not (revenue < 0 USD) and (uptime >= 1% or uptime == 0) {
    sharon pays nvidia if revenue > 1 USD then -(-revenue) * 1% else abs(revenue) / 2
  }
  when hours <= 1000 gpu_hour for 3 consecutive periods { nvidia pays sharon hours * price }
  on lease_default { nvidia pays sharon missed_rent }
  at signing { sharon grants nvidia 1_000_000 warrants at strike }
  nvidia pays sharon round(revenue * 1%, 1 USD) + floor(revenue * 1%) + ceil(revenue * 1%, 1 USD) + min(revenue, 1 USD)
  nvidia pays sharon revenue * interpolate(15%, 7.5%, 2026-07-01, 2028-07-01) * act_365f() + 1 USD * act_360(2026-07-01, period_end + 1 days)
  nvidia pays sharon 1 USD * (thirty_360() + act_act_isda() + act_act_icma() + thirty_e_360() + thirty_e_360_isda() + thirty_360_us() + act_365l() + nl_365())
  nvidia pays sharon convert(revenue_eur, eur_usd) * compound(3%, contract_year - 1) + revenue * tier(credit, uptime) + marginal(credit, uptime, uptime) * 1 USD
  nvidia pays sharon 1 USD * (period_end - period_start) * days * period_index
  cap 1 million USD over term
  cap 100 USD per contract_year
  cap revenue per period
  from 2026-08-01
  until 2028-05-31
}

test "a worked example" {
  period 2026-07-01 { revenue = 0 USD, sold_hours = 0 gpu_hour, uptime = 0, eur_usd = 1 USD per EUR, revenue_eur = 0 EUR }
  expect sharon pays nvidia 0 USD under flat_fee
}
`;

/** For each expression kind, a phrase of CONSTRUCTS' explanation that says it (ErrorExpr: never in a checked program). */
const EXPRESSIONS: Record<Expr["kind"], string | null> = {
  NumberLit: "$1,000",
  DateExpr: "1 July 2026",
  NameRef: "the sold hours",
  Unary: "minus (minus the revenue)",
  Binary: "(the absolute value of the revenue) divided by 2",
  Call: "the absolute value of the revenue",
  IfExpr: "if the revenue is above $1, and otherwise",
  ErrorExpr: null,
};

const STATEMENTS: Record<Stmt["kind"], string> = {
  Let: "“hours” means the greater of the sold hours and 0 GPU-hours",
  Pays: "NVIDIA Corporation pays Sharon AI the missed rent",
  Grants: "Sharon AI grants NVIDIA Corporation 1,000,000 warrants at $12.50 each",
  When: "If the quantity “hours” is at most 1,000 GPU-hours for 3 consecutive months (this month and the 2 months before it, counted whether or not the clause applied in them), NVIDIA Corporation pays Sharon AI",
  On: "Each time “lease default” occurs in the period",
  AtSigning: "At signing (in the first period only)",
  Cap: "capped at $1,000,000 over the term",
  Window: "applies only to months starting on or after 1 August 2026",
  Balance: "The clause keeps a balance, “banked”, carried from period to period, which starts at $0",
  Adjust: "The revenue is added to the balance “banked”",
};

const DECLARATIONS: Record<Decl["kind"], string> = {
  Deal: "Every construct\n===============",
  Parties: "NVIDIA Corporation (“nvidia” in the term sheet)",
  Term: "The term runs from 1 July 2026 to 30 June 2028 and is settled in monthly periods: 24 periods",
  Paid: "due 15 business days after the last day of the period",
  Calendar: "The calendar agreed has as business days the business days of the New York Stock Exchange (nyse), except 26 November 2027",
  Currency: "All payments are in USD",
  Settle: "netted into one transfer",
  Units: "Quantities are measured in GPU-hours (gpu_hour)",
  Input: "“uptime”: a plain number",
  Event: "“lease default”, giving “missed rent” (an amount in USD)",
  Const: "“fee base” is 2 times $10,000,000",
  Schedule: "Contract year 2 and later  10%",
  Tiers: "99%               no upper limit    0%",
  Clause: "Everything (everything)",
  Test: "“a worked example”: settles the period starting 1 July 2026",
  Import: "Made from the template revenue_share (from stdlib/revenue-share)",
  Template: "flat\n\nA template of a clause, with 3 parameters",
  Use: "Made from the template flat (declared in this term sheet)",
};

/** For each kind of template parameter, its row in the parameters table (markdown, where rows are not wrapped). */
const PARAMETERS: Record<ParamType["kind"], string> = {
  party: "| payer | a party | NVIDIA Corporation |",
  unit: "| q | a unit | GPU-hours |",
  value: "| price | a price in money per q | $1.85 per GPU-hour |",
  tiers: "| scale | a tiers table | the credit table |",
  date: "| start | a date | 1 September 2026 |",
  duration: "| grace | a duration in days | 30 days (the default) |",
  event: "| hit | an event giving missed rent (an amount of money) | “lease default” |",
};

const BUILTINS: Record<BuiltinName, string> = {
  min: "the lesser of the revenue and $1",
  max: "the greater of the sold hours and 0 GPU-hours",
  abs: "the absolute value of the revenue",
  round: "rounded to the nearest multiple of $1 (a half away from zero)",
  floor: "rounded down to a whole number",
  ceil: "rounded up to a multiple of $1",
  interpolate: "the value on a straight line from 15% on 1 July 2026 to 7.5% on 1 July 2028, taken at the first day of the period",
  act_365f: "the period's year fraction under Actual/365 (Fixed)",
  act_360: "the Actual/360 year fraction from 1 July 2026 up to (the last day of the period plus 1 day)",
  thirty_360: "under 30/360 (Bond Basis)",
  act_act_isda: "under Actual/Actual (ISDA)",
  act_act_icma: "under Actual/Actual (ICMA)",
  thirty_e_360: "under 30E/360 (Eurobond Basis)",
  thirty_e_360_isda: "under 30E/360 (ISDA)",
  thirty_360_us: "under 30/360 US",
  act_365l: "under Actual/365L",
  nl_365: "under NL/365",
  convert: "the revenue eur converted at the eur usd",
  compound: "the growth factor of 3% a year, compounded once for each contract year after the first",
  tier: "the value of the credit table for the uptime",
  marginal: "the uptime taken tier by tier through the credit table on top of the uptime already counted",
};

function explained(): string {
  const r = explainSource(CONSTRUCTS, { modules });
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return renderExplanation(r.value!, "text");
}

/** Whitespace as one space, so that a phrase is found whatever line it was wrapped on. */
const flat = (t: string) => t.replace(/\s+/g, " ");

describe("every construct has an English form", () => {
  const text = flat(explained());

  it("lists every built-in of the registry", () => {
    expect(Object.keys(BUILTINS).sort()).toEqual([...BUILTIN_NAMES].sort());
  });

  for (const [what, table] of [["expression", EXPRESSIONS], ["statement", STATEMENTS], ["declaration", DECLARATIONS], ["built-in", BUILTINS]] as const) {
    for (const [kind, phrase] of Object.entries(table)) {
      if (phrase === null) continue;
      it(`says the ${what} ${kind} in English`, () => expect(text).toContain(flat(phrase)));
    }
  }

  it("says what every kind of template parameter takes, and the value given", () => {
    const md = renderExplanation(explainSource(CONSTRUCTS, { modules }).value!, "markdown");
    for (const row of Object.values(PARAMETERS)) expect(md).toContain(row);
  });

  it("names the section of the explanation for every declaration kind", () => {
    for (const kind of Object.keys(DECLARATIONS) as Decl["kind"][]) expect(declarationSection(kind).length).toBeGreaterThan(0);
  });

  it("never falls back to code: no built-in call or unreadable expression is left", () => {
    expect(text).not.toMatch(/\b[a-z_0-9]+\(/);
    expect(text).not.toContain("could not be read");
  });
});

// ---------------------------------------------------------------- docs/language.md examples

const HEADER = `deal "Documentation example"
parties {
  nvidia: "NVIDIA Corporation"
  sharon: "Sharon AI"
  landlord: "Campus lessor"
}
term 2026-07-01 to 2032-06-30, monthly
currency USD, rounding half_even
units gpu, gpu_hour
input revenue: USD
input sold_hours: gpu_hour
input capacity_hours: gpu_hour
event lease_default(missed_rent: USD)
const buyback_price = 1.85 USD per gpu_hour
const guaranteed = 3.5 billion USD
schedule share_rate by contract_year, tapering {
  year 1: 15%
  year 2: 12.5%
  year 3: 10%
  year 4 onward: 7.5%
}
`;

/** The ```tenor blocks of docs/language.md as whole sheets: a sheet as it is, clause statements inside HEADER's deal. Declarations that need their own header are left to test/docs. */
function docSheets(): string[] {
  const doc = readFileSync(DOC_PATH, "utf8");
  const blocks = [...doc.matchAll(/```tenor\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) => {
    const first = b.split("\n").find((l) => l.trim() !== "" && !l.trim().startsWith("//"))?.trim() ?? "";
    if (/^deal\b/.test(first)) return [b];
    if (/^(let|when|on|at|cap|from|until|balance|add|subtract)\b|^[A-Za-z_]\w*\s+(pays|grants)\b/.test(first)) return [`${HEADER}\nclause example {\n${b}}\n`];
    if (/^(clause|tiers|test|template|use|import)\b/.test(first)) return [`${HEADER}\n${b}`];
    return [];
  });
}

describe("the examples of docs/language.md", () => {
  const sheets = docSheets().filter((s) => checkSource(s, { modules }).value !== null);

  it("include many sheets that check", () => expect(sheets.length).toBeGreaterThan(15));

  it("are each explained in every format without a fallback to code", () => {
    for (const s of sheets) {
      const r = explainSource(s, { modules });
      for (const format of ["text", "markdown", "html"] as const) {
        const text = renderExplanation(r.value!, format);
        expect(text).not.toContain("could not be read");
        if (format === "text") expect(text, s).not.toMatch(/\b(min|max|abs|round|floor|ceil|tier|marginal|interpolate|convert|compound)\(/);
      }
    }
  });
});
