/**
 * Payment dates through the compiled artifact: the IR carries the rule and
 * the calendar resolved to dates, a runtime settles the same ledger from it
 * as the source path (full run and period by period), refuses a calendar
 * whose window misses a date it needs, and a sheet without `paid` or term
 * options compiles to the header it always had.
 */
import { describe, expect, it } from "vitest";
import { compileSource, runSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { COMPILE } from "../../src/diagnostics/codes/compile.ts";
import { canonicalJson } from "../../src/ir/canonical-json.ts";
import { sha256Hex } from "../../src/ir/sha256.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { settle, settlePeriod } from "../../src/runtime/settle.ts";
import type { Snapshot } from "../../src/runtime/snapshot.ts";
import { TenorError } from "../../src/runtime/tenor-error.ts";

const SOURCE = `deal "Payment dates"
parties {
  a: "A Corp"
  b: "B Corp"
}
term 2026-07-15 to 2027-06-30, monthly, backward
calendar new_york: nyse { 2026-09-21 }
paid 15 business days after period_end, modified_following new_york
currency USD
input revenue: USD
clause fee {
  a pays b revenue * 1%
}
`;
const STARTS = ["2026-07-15", "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01", "2026-12-01"];
const INPUTS = { periods: STARTS.map((period) => ({ period, revenue: "1000" })) };

const artifact = () => {
  const compiled = compileSource(SOURCE);
  expect(compiled.diagnostics).toEqual([]);
  return compiled.value!;
};

/** The artifact with its IR changed by `edit` and hashes made to match again (so only the content is wrong). */
function rehashed(edit: (ir: Record<string, any>) => void): object {
  const doc = JSON.parse(artifactText(artifact())) as Record<string, any>;
  edit(doc["ir"]);
  doc["header"] = doc["ir"]["header"];
  doc["irSha256"] = sha256Hex(canonicalJson(doc["ir"]));
  return doc;
}

describe("payment dates in compiled terms", () => {
  it("carries the rule and the calendar's holidays over the term and the lag, not the rules", () => {
    const h = artifact().header;
    expect(h.term).toEqual({ start: "2026-07-15", end: "2027-06-30", frequency: "monthly", generation: "backward" });
    expect(h.payment).toEqual({ anchor: "period_end", lag: 15, lagUnit: "business_days", convention: "modified_following", calendar: 0 });
    expect(h.calendars).toEqual([{
      name: "new_york",
      from: "2026-07-15",
      to: "2027-07-22", // June 2027 ends on a Wednesday; its 15th business day after, past 5 July (Independence Day observed)
      holidays: ["2026-09-07", "2026-09-21", "2026-11-26", "2026-12-25", "2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31", "2027-06-18", "2027-07-05"],
    }]);
  });

  it("settles the source's ledger byte for byte, in one run and period by period", () => {
    const fromSource = runSource(SOURCE, [{ name: "inputs.json", text: JSON.stringify(INPUTS) }]);
    expect(fromSource.diagnostics).toEqual([]);
    const terms = loadTerms(artifactText(artifact()));
    const ledger = settle(terms, INPUTS);
    expect(ledgerToJson(ledger, { trace: true })).toBe(ledgerToJson(fromSource.ledger!, { trace: true }));
    expect(ledger.periods.map((p) => p.payment_date)).toEqual(["2026-08-21", "2026-09-23", "2026-10-21", "2026-11-20", "2026-12-21", "2027-01-25"]);
    let snapshot: Snapshot | null = null;
    const one = INPUTS.periods.map((row) => {
      const s = settlePeriod(terms, snapshot, row);
      snapshot = s.snapshot;
      return s.period.payment_date;
    });
    expect(one).toEqual(ledger.periods.map((p) => p.payment_date));
  });

  it("refuses a calendar whose window misses a date the rule looks at, as a malformed IR", () => {
    const cut = rehashed((ir) => {
      ir["header"]["calendars"][0]["to"] = "2027-06-30";
    });
    try {
      loadTerms(cut);
      throw new Error("accepted");
    } catch (e) {
      expect(e).toBeInstanceOf(TenorError);
      expect((e as TenorError).code).toBe(COMPILE.notAnArtifact);
      expect((e as TenorError).message).toContain("calendar new_york lists holidays from 2026-07-15 to 2027-06-30, not for 2027-07-01");
    }
  });

  it("settles from the dates in the artifact alone: a holiday taken out moves the payment date", () => {
    const fewer = rehashed((ir) => {
      ir["header"]["calendars"][0]["holidays"] = ir["header"]["calendars"][0]["holidays"].filter((d: string) => d !== "2026-09-21");
    });
    expect(settle(loadTerms(fewer), INPUTS).periods[1]!.payment_date).toBe("2026-09-22");
  });

  it("leaves the header of a sheet without paid or options as it was: no new keys", () => {
    const plain = compileSource(SOURCE.replace(", backward", "").replace(/^calendar.*\n^paid.*\n/m, "")).value!;
    expect(Object.keys(plain.header)).toEqual(["title", "parties", "term", "currency", "settleNet", "units", "inputs", "events"]);
    expect(plain.header.term).toEqual({ start: "2026-07-15", end: "2027-06-30", frequency: "monthly" });
    const periods = settle(loadTerms(artifactText(plain)), { periods: [{ period: "2026-07-15", revenue: "1" }] }).periods;
    expect(periods[0]).toMatchObject({ start: "2026-07-15", end: "2026-08-14", payment_date: "2026-08-14" });
  });
});
