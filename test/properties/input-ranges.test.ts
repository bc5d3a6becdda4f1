/**
 * Declared ranges over generated programs (test/generators/ranges.ts):
 * ranges that the data satisfies change nothing — the program settles to
 * exactly the ledger (or the run-time error) of the same program without
 * them, from the source and from its compiled artifact — and a value moved
 * below a constant lower bound is refused with TN3129 naming its period and
 * field.
 */
import { describe, expect, it } from "vitest";
import { compileSource, runSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { INPUT } from "../../src/diagnostics/codes/input.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { periodsOf } from "../../src/eval/periods.ts";
import type { LedgerPeriod } from "../../src/ledger/ledger.ts";
import { settle, settlePeriod } from "../../src/runtime/settle.ts";
import type { Snapshot } from "../../src/runtime/snapshot.ts";
import { TenorError } from "../../src/runtime/tenor-error.ts";
import { generateProgram, inputFiles } from "../generators/program.ts";

const PROGRAMS = 300;

const options = (seed: number) => ({ ranges: true, layout: seed % 3 === 0 ? ("commented" as const) : ("pretty" as const) });

describe("generated programs with declared ranges", () => {
  it("declare ranges and counts in most programs", () => {
    let ranged = 0;
    let counted = 0;
    for (let seed = 1; seed <= PROGRAMS; seed++) {
      const { source } = generateProgram(seed, options(seed));
      if (/^input \w+: [^\n]* \.\./m.test(source)) ranged++;
      if (/^event [^\n]* at most \d+ per /m.test(source)) counted++;
    }
    // Worked out from the generator's odds: most programs have a ranged input, a good share a counted event.
    expect(ranged).toBeGreaterThan(PROGRAMS / 2);
    expect(counted).toBeGreaterThan(PROGRAMS / 5);
  });

  it("settle their data inside the ranges exactly as without them, from the source and from the artifact", () => {
    for (let seed = 1; seed <= PROGRAMS; seed++) {
      const withRanges = generateProgram(seed, options(seed));
      const without = generateProgram(seed, { layout: options(seed).layout });
      expect(withRanges.inputs).toEqual(without.inputs);
      const a = runSource(withRanges.source, inputFiles(withRanges));
      const b = runSource(without.source, inputFiles(without));
      // Errors alike; the ranged program may warn about its test blocks' values (TN2167), which do not see the inputs' data.
      const errors = (r: typeof a) => r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
      expect([seed, a.failure, a.ledger, errors(a)]).toEqual([seed, b.failure, b.ledger, errors(b)]);
      if (a.ledger === null) continue;
      const terms = loadTerms(artifactText(compileSource(withRanges.source).value!));
      expect(settle(terms, withRanges.inputs)).toEqual(a.ledger);
    }
  });

  it("refuse a value below a constant lower bound with the period and the field", () => {
    let refused = 0;
    for (let seed = 1; seed <= PROGRAMS; seed++) {
      const p = generateProgram(seed, options(seed));
      const m = /^input (\w+): [^\n]*? in (-?\d+(?:\.\d+)?)\b[^\n]*\.\./m.exec(p.source);
      if (m === null) continue;
      const [, name, low] = m as unknown as [string, string, string];
      const below = Decimal.parse(low)!.sub(Decimal.parse("0.001")!).toString();
      const last = p.inputs.periods.length - 1;
      const periods = p.inputs.periods.map((row, i) => (i === last ? { ...row, [name]: below } : row));
      const first = periods[last]!["period"]!;
      const terms = loadTerms(artifactText(compileSource(p.source).value!));
      let error: unknown = null;
      try {
        settle(terms, { ...p.inputs, periods });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TenorError);
      const wanted = `period ${first}: input "${name}" is ${below}`;
      expect((error as TenorError).diagnostics.some((d) => d.code === INPUT.outsideRange && d.message.startsWith(wanted))).toBe(true);
      const run = runSource(p.source, [{ name: "inputs.json", text: JSON.stringify({ ...p.inputs, periods }) }]);
      expect([run.failure, run.diagnostics.some((d) => d.message.startsWith(wanted))]).toEqual(["inputs", true]);
      refused++;
    }
    expect(refused).toBeGreaterThan(PROGRAMS / 4);
  });

  it("count events period by period through snapshots exactly as a whole run does", () => {
    let compared = 0;
    for (let seed = 1; seed <= PROGRAMS; seed++) {
      const p = generateProgram(seed, options(seed));
      if (!/ at most \d+ per /.test(p.source)) continue;
      const terms = loadTerms(artifactText(compileSource(p.source).value!));
      let whole: ReturnType<typeof settle> | null = null;
      try {
        whole = settle(terms, p.inputs);
      } catch {
        continue; // a run-time error: compared by the test above
      }
      const term = periodsOf(terms.header.term);
      let snapshot: Snapshot | null = null;
      const periods: LedgerPeriod[] = [];
      p.inputs.periods.forEach((row, i) => {
        const period = term[i]!;
        const events = p.inputs.events.filter((e) => e["date"]! >= period.start && e["date"]! <= period.end);
        const r = settlePeriod(terms, snapshot === null ? null : JSON.stringify(snapshot), row, events);
        snapshot = r.snapshot;
        periods.push(r.period);
      });
      expect([seed, periods]).toEqual([seed, whole.periods]);
      expect((snapshot as Snapshot | null)?.version).toBe(4);
      compared++;
    }
    expect(compared).toBeGreaterThan(PROGRAMS / 10);
  });
});
