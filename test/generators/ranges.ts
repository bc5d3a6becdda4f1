/**
 * Declared ranges and event counts for a generated program
 * (docs/language.md §5 "Declared ranges"), drawn so that its data satisfies
 * them: an input's bounds are constants at or beyond the least and greatest
 * value its data takes (now and then exactly on them), or the value of an
 * earlier input that is never below it; an event's count is at least the
 * number its data has in the window. Only the declaration lines change, and
 * the choices come from a random stream of their own, so the program is
 * otherwise the one `generateProgram` gives without ranges: with data inside
 * the ranges both must settle to the same ledger.
 */
import { Decimal } from "../../src/eval/decimal.ts";
import type { GeneratedInputs } from "./program.ts";
import { Random } from "./random.ts";

/** A declared input as the rendered source has it: `input NAME: UNIT`. */
interface InputLine {
  readonly name: string;
  readonly unit: string;
}

const dec = (text: string): Decimal => Decimal.parse(text)!;

/** The source with ranges on some inputs and counts on some events (pretty or commented layout: one declaration a line). */
export function withRanges(source: string, inputs: GeneratedInputs, seed: number): string {
  const r = new Random((seed ^ 0x5bd1e995) >>> 0);
  const declared: InputLine[] = [...source.matchAll(/^input (\w+): ([^/\n]*?)\s*(?:\/\/.*)?$/gm)].map((m) => ({ name: m[1]!, unit: m[2]! }));
  const bounds = new Map<string, string>();
  declared.forEach((input, i) => {
    if (!r.chance(0.6)) return;
    const values = inputs.periods.map((p) => dec(p[input.name]!));
    const least = values.reduce((a, b) => Decimal.min(a, b));
    const most = values.reduce((a, b) => Decimal.max(a, b));
    // An earlier input of the same unit that is never below this one may be the upper bound (never a circle: only earlier ones).
    const above = declared.slice(0, i).filter((o) => o.unit === input.unit && inputs.periods.every((p) => dec(p[o.name]!).gte(dec(p[input.name]!))));
    const low = r.chance(0.25) ? null : r.chance(0.4) ? least : least.sub(Decimal.ofInt(r.int(1, 1000)));
    const high = low !== null && r.chance(0.25) ? null
      : above.length > 0 && r.chance(0.5) ? r.pick(above).name
      : literal(r.chance(0.4) ? most : most.add(Decimal.ofInt(r.int(1, 1000))), input.unit);
    bounds.set(input.name, ` in ${low === null ? "" : `${literal(low, input.unit)} `}..${high === null ? "" : ` ${high}`}`);
  });
  const counts = new Map<string, string>();
  for (const m of source.matchAll(/^event (\w+)\(/gm)) {
    const name = m[1]!;
    if (!r.chance(0.6)) continue;
    const dates = inputs.events.filter((e) => e["event"] === name).map((e) => e["date"]!);
    const per = r.pick(["term", "period"] as const);
    const needed = per === "term" ? dates.length : Math.max(0, ...countsByPeriod(dates, inputs));
    counts.set(name, ` at most ${Math.max(1, needed) + (r.chance(0.5) ? 0 : r.int(1, 3))} per ${per}`);
  }
  return source
    .replace(/^(input (\w+): [^/\n]*?)(\s*(?:\/\/.*)?)$/gm, (_all, decl: string, name: string, rest: string) => `${decl}${bounds.get(name) ?? ""}${rest}`)
    .replace(/^(event (\w+)\([^)\n]*\))(\s*(?:\/\/.*)?)$/gm, (_all, decl: string, name: string, rest: string) => `${decl}${counts.get(name) ?? ""}${rest}`);
}

/** How many of `dates` fall in each period given (a period runs from its start to the next one's). */
function countsByPeriod(dates: readonly string[], inputs: GeneratedInputs): number[] {
  const starts = inputs.periods.map((p) => p["period"]!);
  return starts.map((start, i) => dates.filter((d) => d >= start && (i + 1 >= starts.length || d < starts[i + 1]!)).length);
}

/** A bound as source: the exact value, with its unit unless plain. */
function literal(v: Decimal, unit: string): string {
  const digits = v.toString();
  return unit === "number" ? digits : `${digits} ${unit}`;
}
