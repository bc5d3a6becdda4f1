import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { checkText, expectClean, expectOne, sheet } from "./helpers.ts";

/** A clause `c` with the given body, after the shared header. */
function clause(body: string): string {
  return sheet(`const floor_amount = 2 million USD\nevent rebate(amount: USD)\nclause c {\n${body}\n}\n`);
}

describe("balances", () => {
  it("accept a constant initial value, reads, and add/subtract in the balance's unit, also in blocks", () => {
    const checked = expectClean(clause(`
  balance prepaid = max(floor_amount, 1 million USD) * 2
  balance hours = 0 gpu_hour
  let drawn = min(revenue, prepaid)
  subtract drawn from prepaid
  add sold_hours to hours
  on rebate { add amount to prepaid }
  when hours > 10 gpu_hour { subtract 10 gpu_hour from hours }
  at signing { add 1 USD to prepaid }
  sharon pays nvidia max(revenue - drawn, 0 USD)
  nvidia pays sharon hours * 1 USD per gpu_hour`));
    const c = checked.clauses[0]!;
    const drawn = c.body[2]!;
    if (drawn.kind !== "Let" || drawn.value.kind !== "Call") throw new Error("expected let drawn = min(…)");
    const read = drawn.value.args[1]!;
    expect(read.kind === "NameRef" ? checked.bindings.get(read)?.kind : null).toBe("balance");
  });

  it("refuse an amount in another unit, naming both units", () => {
    const d = expectOne(clause(`
  balance hours = 0 gpu_hour
  add revenue to hours
  nvidia pays sharon hours * 1 USD per gpu_hour`), CHECK.balanceUnitMismatch, "revenue to");
    expect(d.message).toBe("cannot add USD to balance hours in gpu_hour: the amount must have the balance's unit");
  });

  it("refuse add/subtract of an unknown name with a did-you-mean", () => {
    const d = expectOne(clause(`
  balance prepaid = 1 USD
  subtract 1 USD from prepayed
  sharon pays nvidia prepaid`), CHECK.unknownBalance, "prepayed");
    expect(d.message).toBe("unknown balance prepayed; did you mean prepaid?");
  });

  it("refuse add/subtract of a balance declared after it, of another clause, or of a name that is not a balance", () => {
    const later = expectOne(clause(`
  add 1 USD to later
  balance later = 0 USD
  sharon pays nvidia later`), CHECK.unknownBalance, "later\n");
    expect(later.message).toBe("cannot add to later here: balance later is declared later, and a balance is visible only after its declaration");
    const other = checkText(sheet(`clause a {\n  balance mine = 0 USD\n  sharon pays nvidia mine\n}\nclause b {\n  add 1 USD to mine\n}\n`));
    expect(other.located.map((x) => `${x.code} ${x.message}`)).toEqual([
      "TN2110 unknown balance mine; declare it at the top of the clause with balance NAME = VALUE",
    ]);
    const input = expectOne(clause(`  add 1 USD to revenue`), CHECK.unknownBalance, "revenue");
    expect(input.message).toBe("revenue is the input revenue, not a balance: add and subtract change only balances of this clause");
  });

  it("refuse an initial value that is not constant, or not a number", () => {
    const d = expectOne(clause(`
  balance prepaid = revenue
  sharon pays nvidia prepaid`), CHECK.notConstant, "revenue\n");
    expect(d.message).toBe("the initial value of a balance may only use numbers, consts and built-ins, but revenue is an input");
    expectOne(clause(`
  balance flag = 1 USD > 0 USD
  when flag { sharon pays nvidia 1 USD }`), CHECK.balanceNotNumber, "1 USD > 0 USD");
  });

  it("refuse a balance inside a block, and one that hides a name", () => {
    expectOne(clause(`
  when revenue > 0 USD {
    balance inner = 0 USD
    sharon pays nvidia inner
  }`), CHECK.clauseLevelOnly, "balance inner");
    const d = expectOne(clause(`
  balance revenue = 0 USD`), CHECK.shadowsName, "revenue = 0");
    expect(d.message).toBe("balance revenue would hide the input revenue; choose another name");
    expectOne(clause(`
  balance left = 0 USD
  let left = 1 USD
  sharon pays nvidia left`), CHECK.duplicateDeclaration, "left = 1");
  });

  it("refuse a balance in a cap and in a consecutive condition, directly or through a let", () => {
    expectOne(clause(`
  balance left = 5 USD
  cap left over term
  sharon pays nvidia 1 USD`), CHECK.capUsesBalance, "left over");
    expectOne(clause(`
  balance left = 5 USD
  when left > 0 USD for 2 consecutive periods { sharon pays nvidia 1 USD }`), CHECK.consecutiveUsesBalance, "left >");
    const d = expectOne(clause(`
  balance left = 5 USD
  let positive = left > 0 USD
  when positive for 2 consecutive periods { sharon pays nvidia 1 USD }`), CHECK.consecutiveUsesBalance, "positive for");
    expect(d.message).toMatch(/^the let positive reads the balance left, but/);
  });

  it("warn about a balance that is never read", () => {
    const d = expectOne(clause(`
  balance spare = 0 USD
  add revenue to spare
  sharon pays nvidia 1 USD`), CHECK.unusedBalance, "spare", "warning");
    expect(d.message).toBe("balance spare is never read, so it changes no payment");
  });

  it("explain a balance read before its declaration", () => {
    const d = expectOne(clause(`
  sharon pays nvidia left
  balance left = 0 USD`), CHECK.letNotVisible, "left\n");
    expect(d.message).toBe("left is used before its balance: a balance is visible only after its declaration");
  });
});
