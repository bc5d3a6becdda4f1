import { describe, expect, it } from "vitest";
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { COMPILE } from "../../src/diagnostics/codes/compile.ts";
import { INPUT } from "../../src/diagnostics/codes/input.ts";
import { canonicalJson } from "../../src/ir/canonical-json.ts";
import { sha256Hex } from "../../src/ir/sha256.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { settle, settlePeriod } from "../../src/runtime/settle.ts";
import { TenorError } from "../../src/runtime/tenor-error.ts";

const DEAL = `deal "Ranges"
parties {
  a: "A"
  b: "B"
}
term 2026-01-01 to 2027-12-31, monthly
currency USD
units gpu_hour
const ceiling = 80 million USD
input capacity_hours: gpu_hour in 0 gpu_hour ..
input sold_hours: gpu_hour in 0 gpu_hour .. capacity_hours
input revenue: USD in 0 USD .. ceiling
event lease_default(missed_rent: USD) at most 2 per term
event outage() at most 1 per contract_year
clause share { a pays b revenue * 10% }
clause guarantee { on lease_default { b pays a missed_rent } }
`;

const artifact = compileSource(DEAL).value!;
const text = artifactText(artifact);
const terms = loadTerms(text);

const row = (period: string, sold = "100", revenue = "1000") => ({ period, capacity_hours: "100", sold_hours: sold, revenue });

function refusal(f: () => unknown): TenorError {
  try {
    f();
  } catch (e) {
    if (e instanceof TenorError) return e;
    throw e;
  }
  throw new Error("it was accepted");
}

describe("declared ranges at run time", () => {
  it("settles values on the bounds: both ends are included", () => {
    const ledger = settle(terms, { periods: [row("2026-01-01", "100", "80000000"), row("2026-02-01", "0", "0")] });
    expect(ledger.periods.map((p) => p.lines.map((l) => l.amount))).toEqual([["8000000.00"], []]);
  });

  it("refuses a value just above an upper bound that is another input, naming the period and the field", () => {
    const e = refusal(() => settle(terms, { periods: [row("2026-01-01"), row("2026-02-01", "100.01")] }));
    expect([e.code, e.message, e.period, e.field]).toEqual([
      INPUT.outsideRange,
      'period 2026-02-01: input "sold_hours" is 100.01 gpu_hour, above its upper bound capacity_hours = 100 gpu_hour',
      "2026-02-01",
      "sold_hours",
    ]);
  });

  it("refuses a value just below a constant lower bound, and one just above a const, reporting both", () => {
    const e = refusal(() => settle(terms, { periods: [row("2026-01-01", "100", "-0.01"), row("2026-02-01", "100", "80000000.01")] }));
    expect(e.code).toBe(INPUT.outsideRange);
    expect(e.diagnostics.map((d) => d.message)).toEqual([
      'period 2026-01-01: input "revenue" is -0.01 USD, below its lower bound 0 USD',
      'period 2026-02-01: input "revenue" is 80000000.01 USD, above its upper bound ceiling = 80000000 USD',
    ]);
    expect(e.message).toBe('period 2026-01-01: input "revenue" is -0.01 USD, below its lower bound 0 USD (and 1 more input error)');
  });

  it("settles events up to their count and refuses the one past it, naming the period and the event", () => {
    const events = [
      { date: "2026-01-10", event: "lease_default", missed_rent: "5" },
      { date: "2026-03-10", event: "lease_default", missed_rent: "5" },
    ];
    const periods = [row("2026-01-01"), row("2026-02-01"), row("2026-03-01")];
    expect(settle(terms, { periods, events }).totals).toEqual([
      { payer: "a", payee: "b", amount: "300.00" },
      { payer: "b", payee: "a", amount: "10.00" },
    ]);
    const third = { date: "2026-03-20", event: "lease_default", missed_rent: "5" };
    const e = refusal(() => settle(terms, { periods, events: [...events, third] }));
    expect([e.code, e.message, e.period, e.field]).toEqual([
      INPUT.tooManyEventsInWindow,
      'period 2026-03-01: event "lease_default" on 2026-03-20 is the 3rd in the term, but the term sheet allows at most 2 per term',
      "2026-03-01",
      "lease_default",
    ]);
  });

  it("starts a count afresh in each contract year", () => {
    const periods = Array.from({ length: 13 }, (_, i) => row(i < 12 ? `2026-${String(i + 1).padStart(2, "0")}-01` : "2027-01-01"));
    const events = [{ date: "2026-12-31", event: "outage" }, { date: "2027-01-01", event: "outage" }];
    expect(settle(terms, { periods, events }).periods).toHaveLength(13);
    const e = refusal(() => settle(terms, { periods, events: [...events, { date: "2026-06-01", event: "outage" }] }));
    expect(e.message).toBe('period 2026-12-01: event "outage" on 2026-12-31 is the 2nd in contract year 1, but the term sheet allows at most 1 per contract_year');
  });
});

describe("declared ranges when settling period by period", () => {
  it("checks each period's row against its ranges", () => {
    const e = refusal(() => settlePeriod(terms, null, row("2026-01-01", "101")));
    expect([e.code, e.period, e.field]).toEqual([INPUT.outsideRange, "2026-01-01", "sold_hours"]);
  });

  it("carries event counts in a version-4 snapshot, so the third event is refused as in a whole run", () => {
    const first = settlePeriod(terms, null, row("2026-01-01"), [{ date: "2026-01-05", event: "lease_default", missed_rent: "1" }]);
    expect(first.snapshot.version).toBe(4);
    expect(first.snapshot.events).toEqual([{ window: 0, count: 1 }, { window: 1, count: 0 }]);
    const second = settlePeriod(terms, JSON.stringify(first.snapshot), row("2026-02-01"), [{ date: "2026-02-05", event: "lease_default", missed_rent: "1" }]);
    const e = refusal(() => settlePeriod(terms, second.snapshot, row("2026-03-01"), [{ date: "2026-03-05", event: "lease_default", missed_rent: "1" }]));
    expect(e.message).toBe('period 2026-03-01: event "lease_default" on 2026-03-05 is the 3rd in the term, but the term sheet allows at most 2 per term');
  });

  it("refuses a snapshot without the counts for terms that bound events", () => {
    const first = settlePeriod(terms, null, row("2026-01-01"));
    const { events: _events, ...withoutCounts } = first.snapshot;
    expect(refusal(() => settlePeriod(terms, withoutCounts, row("2026-02-01"))).message).toBe('invalid snapshot: "events" must have 2 entries, one per event');
    expect(refusal(() => settlePeriod(terms, { ...first.snapshot, version: 3 }, row("2026-02-01"))).code).toBe(COMPILE.invalidSnapshot);
  });
});

describe("declared ranges in the artifact", () => {
  it("are written as format version 4, with the bounds as IR and their text", () => {
    expect(artifact.formatVersion).toBe(4);
    expect(artifact.ir.ranges!.map((r) => [r.input, r.low?.text ?? null, r.high?.text ?? null])).toEqual([
      [0, "0 gpu_hour", null],
      [1, "0 gpu_hour", "capacity_hours"],
      [2, "0 USD", "ceiling"],
    ]);
    expect(artifact.ir.header.events.map((e) => e.limit)).toEqual([{ count: 2, per: "term" }, { count: 1, per: "contract_year" }]);
  });

  it("round-trip: the loaded artifact refuses and settles exactly as the source does", () => {
    expect(terms.formatVersion).toBe(4);
    const again = loadTerms(artifactText(compileSource(DEAL).value!));
    expect(again.irSha256).toBe(terms.irSha256);
    const data = { periods: [row("2026-01-01")] };
    expect(settle(again, data)).toEqual(settle(terms, data));
  });

  /** The artifact with its IR changed by `edit` and re-hashed, as someone who edits a file would. */
  function edited(edit: (ir: Record<string, unknown>) => void, version = 4): string {
    const doc = JSON.parse(text) as Record<string, unknown>;
    const ir = doc["ir"] as Record<string, unknown>;
    edit(ir);
    doc["header"] = ir["header"];
    doc["irSha256"] = sha256Hex(canonicalJson(ir));
    doc["formatVersion"] = version;
    return JSON.stringify(doc);
  }

  it("are refused in a version-3 artifact, which cannot have them", () => {
    const e = refusal(() => loadTerms(edited(() => {}, 3)));
    expect([e.code, e.message]).toEqual([
      COMPILE.artifactInvalid,
      "the artifact is not one a compiler writes, at $.ir.ranges: declared ranges and event counts need format version 4, not 3",
    ]);
  });

  it("are validated: a range that bounds its own input, a bound that reads a period fact, a count of 0", () => {
    type Ranges = { input: number; high: { value: Record<string, unknown> } }[];
    const own = refusal(() => loadTerms(edited((ir) => {
      const high = (ir["ranges"] as Ranges)[1]!.high.value;
      high["slot"] = 1;
      high["name"] = "sold_hours";
    })));
    expect([own.code, own.message]).toEqual([COMPILE.artifactInvalid, "the artifact is not one a compiler writes, at $.ir.ranges[1]: the range of input slot 1 depends on itself"]);
    const fact = refusal(() => loadTerms(edited((ir) => {
      (ir["ranges"] as Ranges)[1]!.high.value = { kind: "PeriodFact", fact: "days", name: "days", type: "number", range: [0, 4] };
    })));
    expect(fact.message).toBe("the artifact is not one a compiler writes, at $.ir.ranges[1].high.value: a range bound may use only numbers, consts and inputs, not a PeriodFact");
    const zero = refusal(() => loadTerms(edited((ir) => {
      ((ir["header"] as { events: { limit: { count: number } }[] }).events[0]!.limit.count = 0);
    })));
    expect([zero.code, zero.message]).toEqual([COMPILE.artifactInvalid, "the artifact is not one a compiler writes, at $.header.events[0].limit.count: Invalid value: Expected >=1 but received 0"]);
  });

  it("leave an artifact without them as it was: version 3, no new fields", () => {
    const plain = compileSource(DEAL.replace(/ in 0 [^\n]*/g, "").replace(/ at most [^\n]*/g, "")).value!;
    expect(plain.formatVersion).toBe(3);
    expect("ranges" in plain.ir).toBe(false);
    expect(plain.ir.header.events.every((e) => !("limit" in e))).toBe(true);
    const t = loadTerms(artifactText(plain));
    expect(settlePeriod(t, null, row("2026-01-01", "101")).snapshot.version).toBe(3);
  });
});
