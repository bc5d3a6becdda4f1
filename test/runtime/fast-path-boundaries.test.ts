/**
 * The scaled-integer fast path at its edges: amounts around 2^53 (where a
 * float loses the cent), half-cent ties under every rounding mode, negative
 * values, and caps that cut a payment in the middle of a period. Each deal
 * settles with the fast path and without it; the ledgers (traces included)
 * are the same text and carry the exact amounts written here.
 */
import { describe, expect, it } from "vitest";
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import type { Ledger } from "../../src/ledger/ledger.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { prepareProgram } from "../../src/runtime/prepare.ts";
import { settle } from "../../src/runtime/settle.ts";
import { TenorError } from "../../src/runtime/tenor-error.ts";

function deal(body: string, rounding = "half_even"): string {
  return `deal "Edges"\nparties {\n  a: "A"\n  b: "B"\n}\nterm 2026-07-01 to 2026-09-30, monthly\ncurrency USD, rounding ${rounding}\nunits gpu\ninput revenue: USD\ninput gpus: gpu\n\n${body}`;
}

/** Settles `source` over rows of (revenue, gpus) with and without the fast path; both must agree. Returns the ledger. */
function both(source: string, rows: readonly (readonly [string, string])[]): Ledger {
  const compiled = compileSource(source);
  expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const artifact = artifactText(compiled.value!);
  const fast = loadTerms(artifact);
  const slow = loadTerms(artifact, { fastPath: false });
  expect(fast.program.fastExpressions).toBeGreaterThan(0);
  expect(slow.program.fastExpressions).toBe(0);
  const starts = ["2026-07-01", "2026-08-01", "2026-09-01"];
  const inputs = { periods: rows.map(([revenue, gpus], i) => ({ period: starts[i]!, revenue, gpus })) };
  const a = settle(fast, inputs);
  expect(ledgerToJson(a, { trace: true })).toBe(ledgerToJson(settle(slow, inputs), { trace: true }));
  return a;
}

const amounts = (l: Ledger) => l.periods.map((p) => p.lines.map((x) => `${x.computed}/${x.amount}${x.capped ? " capped" : ""}`).join(" "));

describe("the fast path at its edges", () => {
  it("keeps every cent of amounts at 2^53 - 1, 2^53 and 2^53 + 1", () => {
    const l = both(deal("clause share {\n  a pays b revenue * 10%\n}\nclause hours {\n  a pays b gpus * 1 USD per gpu + 0.01 USD\n}\n"), [
      ["9007199254740991.01", "9007199254740991"],
      ["9007199254740992", "9007199254740992"],
      ["9007199254740993", "9007199254740993"],
    ]);
    expect(amounts(l)).toEqual([
      "900719925474099.10/900719925474099.10 9007199254740991.01/9007199254740991.01",
      "900719925474099.20/900719925474099.20 9007199254740992.01/9007199254740992.01",
      "900719925474099.30/900719925474099.30 9007199254740993.01/9007199254740993.01",
    ]);
  });

  it("settles half-cent ties by the deal's rounding mode, positive and after a negative operand", () => {
    const expected: Record<string, [string, string]> = {
      half_even: ["1.38", "1.12"],
      half_up: ["1.38", "1.13"],
      down: ["1.37", "1.12"],
      up: ["1.38", "1.13"],
    };
    for (const [mode, [positive, negative]] of Object.entries(expected)) {
      // 0.25 × 50% + 1.25 = 1.375; -0.25 × 50% + 1.25 = 1.125: a tie at the half cent each time.
      const l = both(deal("clause tie {\n  a pays b revenue * 50% + 1.25 USD\n}\n", mode), [["0.25", "0"], ["-0.25", "0"]]);
      expect(amounts(l), mode).toEqual([`${positive}/${positive}`, `${negative}/${negative}`]);
    }
  });

  it("rounds negative ties to whole numbers by the mode, and floor and ceil towards their infinities", () => {
    const body = "clause whole {\n  let r = round(revenue * 50%)\n  a pays b 10 USD + r\n  a pays b 10 USD + floor(revenue * 50%)\n  a pays b 10 USD + ceil(revenue * 50%)\n}\n";
    const expected: Record<string, string> = { half_even: "8.00/8.00", half_up: "7.00/7.00", down: "8.00/8.00", up: "7.00/7.00" };
    for (const [mode, first] of Object.entries(expected)) {
      // revenue × 50% = -2.5: round by the mode, floor -3, ceil -2.
      const l = both(deal(body, mode), [["-5", "0"]]);
      expect(amounts(l), mode).toEqual([`${first} 7.00/7.00 8.00/8.00`]);
    }
  });

  it("refuses a negative payment with the same error either way", () => {
    const source = deal("clause share {\n  a pays b revenue * 10% - 1 USD\n}\n");
    const artifact = artifactText(compileSource(source).value!);
    const inputs = { periods: [{ period: "2026-07-01", revenue: "-100.05", gpus: "1" }] };
    const errors = [true, false].map((fastPath) => {
      try {
        settle(loadTerms(artifact, { fastPath }), inputs);
        return null;
      } catch (e) {
        return e as TenorError;
      }
    });
    expect(errors[0]).toBeInstanceOf(TenorError);
    expect(errors[0]!.code).toBe("TN3001");
    // -100.05 × 10% - 1 = -11.005, half-even to -11.00.
    expect(errors[0]!.message).toContain("is negative: -11.00 USD");
    expect(errors[0]!.message).toBe(errors[1]!.message);
  });

  it("cuts a payment in the middle of a period at the cap, and the next one to 0.00", () => {
    const l = both(deal("clause fees {\n  a pays b revenue * 60%\n  a pays b revenue * 70%\n  a pays b revenue * 10%\n  cap 100 USD per period\n}\n" +
      "clause term_fees {\n  a pays b revenue * 45%\n  cap 100.01 USD over term\n}\n"), [["100", "0"], ["100.03", "0"]]);
    expect(amounts(l)).toEqual([
      "60.00/60.00 70.00/40.00 capped 10.00/0.00 capped 45.00/45.00",
      "60.02/60.02 70.02/39.98 capped 10.00/0.00 capped 45.01/45.01",
    ]);
  });

  it("gives up on a value with more places than it assumes, and the Decimal path settles it", () => {
    // 0.125 USD has three places: the fast path hands the expression back; 0.0625 is rounded half-even.
    const l = both(deal("clause share {\n  a pays b revenue * 50% + 0.01 USD\n}\n"), [["0.125", "0"]]);
    expect(amounts(l)).toEqual(["0.07/0.07"]);
  });

  it("is off under TENOR_FAST_PATH=0 and with fastPath: false", () => {
    const ir = loadTerms(artifactText(compileSource(deal("clause share {\n  a pays b revenue * 10%\n}\n")).value!)).program.ir;
    expect(prepareProgram(ir).fastExpressions).toBe(1);
    expect(prepareProgram(ir, { fastPath: false }).fastExpressions).toBe(0);
    const before = process.env["TENOR_FAST_PATH"];
    process.env["TENOR_FAST_PATH"] = "0";
    try {
      expect(prepareProgram(ir).fastExpressions).toBe(0);
      expect(prepareProgram(ir, { fastPath: true }).fastExpressions).toBe(1);
    } finally {
      if (before === undefined) delete process.env["TENOR_FAST_PATH"];
      else process.env["TENOR_FAST_PATH"] = before;
    }
  });
});
