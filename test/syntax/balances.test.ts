import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/syntax/print.ts";
import { bodyOf } from "./helpers.ts";

function fmt(source: string): string {
  const result = formatSource(source);
  expect(result.diagnostics).toEqual([]);
  return result.value!;
}

describe("balances in the AST", () => {
  it("builds a Balance with its name and initial value, and Adjusts with op, amount and balance", () => {
    const body = bodyOf(`
  balance prepayment_left = 50 million USD
  subtract drawn from prepayment_left
  add revenue * 2 to prepayment_left`);
    expect(body).toMatchObject([
      { kind: "Balance", name: { text: "prepayment_left" }, initial: { kind: "NumberLit", digits: "50", scale: "million" } },
      { kind: "Adjust", op: "subtract", amount: { kind: "NameRef", name: { text: "drawn" } }, balance: { text: "prepayment_left" } },
      { kind: "Adjust", op: "add", amount: { kind: "Binary", op: "*" }, balance: { text: "prepayment_left" } },
    ]);
  });

  it("keeps add and subtract inside when, on and at signing blocks", () => {
    const body = bodyOf(`
  balance credit = 0 USD
  on rebate { add amount to credit }
  when credit > 0 USD { subtract credit from credit }
  at signing { add 1 USD to credit }`);
    expect(body.map((s) => ("body" in s ? `${s.kind}[${s.body.map((b) => b.kind).join()}]` : s.kind))).toEqual([
      "Balance", "On[Adjust]", "When[Adjust]", "AtSigning[Adjust]",
    ]);
  });
});

describe("formatting balances", () => {
  const messy = `clause c {   balance   left =  50   million USD// prepaid
  subtract min( revenue,left )   from left  add 1 USD
    to left   // trailing
  on rebate {add amount to left}
}
`;

  it("prints one statement per line in the canonical layout, comments kept", () => {
    expect(fmt(messy)).toBe(`clause c {
  balance left = 50 million USD  // prepaid
  subtract min(revenue, left) from left
  add 1 USD to left  // trailing
  on rebate {
    add amount to left
  }
}
`);
  });

  it("is idempotent", () => {
    const once = fmt(messy);
    expect(fmt(once)).toBe(once);
  });
});
