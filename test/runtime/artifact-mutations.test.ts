/**
 * Property (issue 19, docs/artifact.md "What is checked"): an artifact
 * someone edited — a field changed, deleted, duplicated or retyped, the
 * hash recomputed so it still looks intact — is either refused at load
 * with a TN40xx code, or settles as the program a compiler could have
 * written: a ledger, or a run error a user can act on. Never an internal
 * error (TN3099), never an exception that is not a TenorError, never a
 * hang. The deal below touches every part of the IR.
 *
 * TENOR_ARTIFACT_MUTATIONS mutations (default 10,000 in CI; the fuzz run
 * takes more: `npm run fuzz:artifacts`).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSource } from "../../src/api.ts";
import { RUN } from "../../src/diagnostics/codes/run.ts";
import { canonicalJson } from "../../src/ir/canonical-json.ts";
import { sha256Hex } from "../../src/ir/sha256.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { settle } from "../../src/runtime/settle.ts";
import { TenorError } from "../../src/runtime/tenor-error.ts";

const SOURCE = `deal "Every part"
parties {
  vendor: "Vendor"
  operator: "Operator"
}
term 2026-07-01 to 2028-06-30, quarterly
currency USD, rounding half_up
settle net
units gpu_hour, EUR
input revenue: USD
input sold: gpu_hour
input capacity: gpu_hour
input eur_revenue: EUR
input fx: USD per EUR
event default(amount: USD)
const price = 1.85 USD per gpu_hour
const start = 2026-07-01
schedule share by contract_year, tapering { year 1: 15%  year 2 onward: 12.5% }
schedule fee by date { 2026-07-01 to 2026-12-31: 100 USD  2027-01-01 onward: 120 USD }
tiers bands { 0 USD to 1 million USD: 2%  1 million USD onward: 1% }
clause revenue_share "Revenue share" {
  let base = max(revenue - 10 USD, 0 USD)
  operator pays vendor round(base * share, 0.01 USD) + fee
  cap 50 million USD over term
  cap 20 million USD per contract_year
}
clause buyback {
  let unsold = max(capacity - sold, 0 gpu_hour)
  when sold / capacity < 70% for 2 consecutive periods {
    vendor pays operator unsold * price * act_365f() * 4
  }
  cap 5 million USD per period
  until 2027-03-31
}
clause tiered {
  balance so_far = 0 USD
  operator pays vendor marginal(bands, so_far, revenue) + tier(bands, revenue) * 1 USD
  add revenue to so_far
}
clause events {
  on default {
    when amount > 0 USD { vendor pays operator min(amount, 1 million USD) }
  }
  at signing { vendor grants operator 1000 warrants at 12.50 USD }
  operator pays vendor convert(eur_revenue, fx) * interpolate(1%, 0.5%, start, 2027-07-01) + 1 USD * compound(1%, contract_year - 1) * abs(-1) + 1 USD * if period_index > 1 then floor(days / 30) else ceil(days / 31)
}
test "the first quarter" {
  period 2026-07-01 { revenue = 1 million USD, sold = 90 gpu_hour, capacity = 100 gpu_hour, eur_revenue = 10 EUR, fx = 1.1 USD per EUR }
  expect operator pays vendor 150090.00 USD under revenue_share
}
`;

const INPUTS = JSON.stringify({
  periods: ["2026-07-01", "2026-10-01", "2027-01-01", "2027-04-01", "2027-07-01", "2027-10-01", "2028-01-01", "2028-04-01"].map((period, i) => ({
    period,
    revenue: String(400_000 * (i + 1)),
    sold: String(50 + 10 * i),
    capacity: "100",
    eur_revenue: "1000",
    fx: "1.08",
  })),
  events: [{ date: "2026-11-15", event: "default", amount: "250000" }],
});

const compiled = compileSource(SOURCE);
if (compiled.value === null) throw new Error(`the mutation deal does not compile: ${JSON.stringify(compiled.diagnostics)}`);
const ARTIFACT = compiled.value;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Every path of the IR (objects' keys and arrays' indexes), for a mutation to pick from. */
function paths(v: Json, at: readonly (string | number)[] = [], out: (readonly (string | number)[])[] = []): (readonly (string | number)[])[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (typeof v === "object" && v !== null) for (const k of Object.keys(v)) paths(v[k], [...at, k], out);
  return out;
}
const PATHS = paths(ARTIFACT.ir).filter((p) => p.length > 0);

/** Values a mutation puts in place: other kinds, edge numbers, names from the deal, nonsense. */
const REPLACEMENTS: readonly Json[] = [
  null, true, false, 0, -1, 1, 2, 7, 1.5, 1e21, Number.MAX_SAFE_INTEGER, "", "abc", "__proto__", "constructor", "toString",
  "weekly", "decade", "bogus", "0", "-1", "1/0", "2/3", "1e5", "2026-02-30", "9999-12-31", "0001-01-01", "vendor", "operator", "mallory",
  "Number", "Binary", "Call", "Invalid", "date", "bool", "duration", "number", "+", "/", "and", "tier", "act_365f", "max", [], {}, [0, 0], { kind: "Number" },
];

interface Mutation {
  readonly path: readonly (string | number)[];
  readonly op: "replace" | "delete" | "duplicate" | "swap";
  readonly value: Json;
  readonly other: readonly (string | number)[];
  /** Keep the artifact's copy of the header in step with the IR's (as a careful forger would). */
  readonly headerInStep: boolean;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  path: fc.constantFrom(...PATHS),
  op: fc.constantFrom("replace", "replace", "replace", "delete", "duplicate", "swap"),
  value: fc.constantFrom(...REPLACEMENTS),
  other: fc.constantFrom(...PATHS),
  headerInStep: fc.boolean(),
});

const clone = (v: Json): Json => JSON.parse(JSON.stringify(v));

function at(root: Json, path: readonly (string | number)[]): Json {
  return path.reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), root);
}

/** The artifact after one mutation, its hash recomputed, as the canonical text a forger would write. */
function mutated(m: Mutation): string {
  const doc = clone(ARTIFACT);
  const parent = at(doc.ir, m.path.slice(0, -1));
  const key = m.path[m.path.length - 1]!;
  if (typeof parent === "object" && parent !== null) {
    if (m.op === "replace") parent[key] = clone(m.value);
    else if (m.op === "delete") {
      if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
      else delete parent[key];
    } else if (m.op === "duplicate") {
      if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 0, clone(parent[key]));
      else parent[key] = [clone(parent[key]), clone(parent[key])];
    } else {
      const other = at(doc.ir, m.other);
      if (other !== undefined) parent[key] = clone(other);
    }
  }
  if (m.headerInStep) doc.header = doc.ir.header;
  doc.irSha256 = sha256Hex(canonicalJson(doc.ir));
  return canonicalJson(doc);
}

type Outcome = "refused" | "settled" | "run error";

/** What happened to one mutated artifact; throws (failing the property) on anything else. */
function outcome(doc: string): Outcome {
  let terms;
  try {
    terms = loadTerms(doc);
  } catch (e) {
    if (e instanceof TenorError && e.code.startsWith("TN40")) return "refused";
    throw new Error(`load ended in ${e instanceof TenorError ? e.code : String(e)}: ${e instanceof Error ? e.message : ""}`);
  }
  try {
    settle(terms, INPUTS);
    return "settled";
  } catch (e) {
    if (e instanceof TenorError && e.code !== RUN.internalError) return "run error";
    throw new Error(`settling ended in ${e instanceof TenorError ? `${e.code} ${e.message}` : String(e)}`);
  }
}

const RUNS = Number(process.env["TENOR_ARTIFACT_MUTATIONS"] ?? "10000");

describe("mutated artifacts, their hash recomputed", () => {
  it("the unmutated deal loads and settles", () => {
    expect(outcome(canonicalJson(ARTIFACT))).toBe("settled");
  });

  it(`are refused at load or settle as a valid program: never an internal error, never a hang (${RUNS} mutations)`, () => {
    const seen: Record<Outcome, number> = { refused: 0, settled: 0, "run error": 0 };
    fc.assert(
      fc.property(mutationArb, (m) => {
        const started = performance.now();
        const o = outcome(mutated(m));
        seen[o]++;
        // A time box, not a speed target: a mutation that loops (a weekly term, say) would never come back.
        if (performance.now() - started > 5000) throw new Error(`took ${Math.round(performance.now() - started)} ms`);
      }),
      { numRuns: RUNS, seed: 19 },
    );
    console.log(`artifact mutations: ${RUNS} (${seen.refused} refused, ${seen.settled} settled, ${seen["run error"]} run errors), 0 failures`);
    // Both sides are exercised: most edits are refused, some leave a valid program (a changed literal, a swapped name).
    expect(seen.refused).toBeGreaterThan(RUNS / 4);
    expect(seen.settled + seen["run error"]).toBeGreaterThan(RUNS / 50);
  }, 300_000);
});
