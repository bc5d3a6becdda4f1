/**
 * The scenario model of `tenor simulate` (docs/risk.md "The scenario model"):
 * the JSON a user writes, and its validation against the terms into a plan
 * the scenario generator runs. Every defect is reported, each a diagnostic
 * (TN62xx) that names the field (`inputs.sold_hours.step`), so a model is
 * fixed in one pass. Values are decimal strings turned into whole numbers of
 * ticks (10^-places), so no path ever holds a float.
 */
import { SIMULATE } from "../../diagnostics/codes/simulate.ts";
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import type { IrEventLimit } from "../../ir/ir.ts";
import type { PreparedProgram } from "../../runtime/prepare.ts";
import { poissonTable } from "./poisson.ts";

/** A model defect: a diagnostic that also names the field of the model it is about. */
export interface ModelDiagnostic extends Diagnostic {
  /** Where in the model: `inputs.sold_hours.step`, `correlations[0].weight`, `events.lease_default.rate`. */
  readonly field: string;
}

export const PATH_KINDS = ["constant", "ramp", "uniform", "random_walk", "mean_reverting"] as const;
export type PathKind = (typeof PATH_KINDS)[number];

/** One end of a path's bounds: a fixed number of ticks, or another input's value in the same period. */
export type BoundPlan = { readonly ticks: bigint } | { readonly input: number };

/** An input's path, validated: every number in ticks of 10^-places. */
export interface PathPlan {
  readonly slot: number;
  readonly name: string;
  readonly kind: PathKind;
  readonly places: number;
  /** `of`: the path is a fraction of this input (its slot) in the same period, e.g. utilization of capacity. */
  readonly of: number | null;
  /** Places of the input's value when the path is a fraction (`of`): the product is rounded down to these. */
  readonly valuePlaces: number;
  /** constant: value; ramp: from; walks: start. */
  readonly start: bigint;
  /** ramp: to. */
  readonly end: bigint;
  /** mean_reverting: the level it reverts to. */
  readonly mean: bigint;
  /** mean_reverting: the share of the gap to `mean` closed each period, numerator / denominator. */
  readonly speed: readonly [bigint, bigint];
  /** walks: the largest shock in one period. */
  readonly step: bigint;
  readonly low: BoundPlan | null;
  readonly high: BoundPlan | null;
  /** The correlation group's index, or -1. */
  readonly group: number;
}

export interface GroupPlan {
  /** The weight of the group's common shock, numerator / denominator. */
  readonly weight: readonly [bigint, bigint];
}

export interface EventPlan {
  readonly slot: number;
  readonly name: string;
  /** Cumulative Poisson probabilities × 2^64 (poisson.ts). */
  readonly cdf: readonly bigint[];
  readonly limit: IrEventLimit | undefined;
  /** Per parameter: the payload's range in ticks. */
  readonly args: readonly { readonly low: bigint; readonly high: bigint; readonly places: number }[];
}

export interface ModelPlan {
  /** The inputs' paths, in the order they are computed (after the inputs their bounds use). */
  readonly order: readonly PathPlan[];
  readonly groups: readonly GroupPlan[];
  /** Events with a rate above zero, in declaration order. */
  readonly events: readonly EventPlan[];
}

/** The greatest Poisson rate a period may have: tables stay short. */
export const MAX_RATE = 1000;
/** The most decimal places a path or payload may have. */
export const MAX_PLACES = 12;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The model read from JSON text (or the parsed object) and checked against the terms. */
export function planModel(program: PreparedProgram, model: string | unknown): { value: ModelPlan | null; diagnostics: ModelDiagnostic[] } {
  const out: ModelDiagnostic[] = [];
  const fail = (code: string, field: string, message: string) => out.push({ code, severity: "error", field, message: `model: ${field}: ${message}` });
  let doc: unknown = model;
  if (typeof model === "string") {
    try {
      doc = JSON.parse(model);
    } catch (e) {
      fail(SIMULATE.modelNotJson, "(file)", `not JSON: ${(e as Error).message}`);
      return { value: null, diagnostics: out };
    }
  }
  if (!isObject(doc)) {
    fail(SIMULATE.modelWrongType, "(file)", "a model is a JSON object { \"inputs\", \"correlations\"?, \"events\"? }");
    return { value: null, diagnostics: out };
  }
  onlyFields(doc, "", ["inputs", "correlations", "events"], fail);
  const header = program.header;
  const inputs = doc.inputs ?? {};
  if (!isObject(inputs)) fail(SIMULATE.modelWrongType, "inputs", "must be an object from input name to its path");
  const given = isObject(inputs) ? inputs : {};
  for (const name of Object.keys(given)) {
    if (!header.inputs.some((i) => i.name === name)) fail(SIMULATE.unknownInput, `inputs.${name}`, `the terms declare no input "${name}" (inputs: ${header.inputs.map((i) => i.name).join(", ") || "none"})`);
  }
  const slotOf = (name: string) => header.inputs.findIndex((i) => i.name === name);
  const currency = header.currency;
  const defaultPlaces = (unit: string) => (unit === currency.code ? currency.decimals : 0);

  const declared = new Map(program.ranges.map((r) => [r.slot, r]));
  const paths: PathPlan[] = [];
  header.inputs.forEach((decl, slot) => {
    const field = `inputs.${decl.name}`;
    const spec = given[decl.name];
    if (spec === undefined) {
      // Without a path, an input with both ends declared is drawn uniformly between them each period.
      const r = declared.get(slot);
      if (r?.low != null && r.high != null) {
        paths.push({ slot, name: decl.name, kind: "uniform", places: defaultPlaces(decl.unit), of: null, valuePlaces: defaultPlaces(decl.unit),
          start: 0n, end: 0n, mean: 0n, speed: [0n, 1n], step: 0n, low: null, high: null, group: -1 });
      } else {
        fail(SIMULATE.inputNotModelled, field, `no path for input "${decl.name}", and the terms declare no range for it to draw from: give it a path`);
      }
      return;
    }
    if (!isObject(spec)) {
      fail(SIMULATE.modelWrongType, field, `must be an object { "path": ${PATH_KINDS.map((k) => `"${k}"`).join(" | ")}, … }`);
      return;
    }
    const kind = spec.path;
    if (typeof kind !== "string" || !(PATH_KINDS as readonly string[]).includes(kind)) {
      fail(SIMULATE.unknownPath, `${field}.path`, `must be one of ${PATH_KINDS.join(", ")}, not ${JSON.stringify(kind) ?? "nothing"}`);
      return;
    }
    const k = kind as PathKind;
    const needs: Record<PathKind, string[]> = {
      constant: ["value"],
      ramp: ["from", "to"],
      uniform: [],
      random_walk: ["start", "step"],
      mean_reverting: ["start", "mean", "speed", "step"],
    };
    onlyFields(spec, field, ["path", "places", "of", "low", "high", ...needs[k]], fail);
    let of: number | null = null;
    if (spec.of !== undefined) {
      const s = typeof spec.of === "string" ? slotOf(spec.of) : -1;
      if (s < 0) fail(SIMULATE.unknownInput, `${field}.of`, `must name another input of the terms, not ${JSON.stringify(spec.of)}`);
      else if (s === slot) fail(SIMULATE.boundCycle, `${field}.of`, "an input cannot be a fraction of itself");
      else of = s;
    }
    const valuePlaces = defaultPlaces(decl.unit);
    const places = placesOf(spec.places, `${field}.places`, spec.of !== undefined ? 4 : valuePlaces, fail);
    const num = (key: string, required: boolean): bigint | null => {
      const v = spec[key];
      if (v === undefined) {
        if (required) fail(SIMULATE.modelWrongType, `${field}.${key}`, `a ${k} path needs "${key}"`);
        return null;
      }
      return ticksOf(v, places, `${field}.${key}`, fail);
    };
    const bound = (key: "low" | "high"): BoundPlan | null | undefined => {
      const v = spec[key];
      if (v === undefined) return null;
      if (typeof v === "string" && !DECIMAL.test(v)) {
        const s = slotOf(v);
        if (s < 0 || spec.of !== undefined) {
          fail(SIMULATE.notADecimal, `${field}.${key}`, spec.of !== undefined ? `must be a decimal fraction (the path is a fraction of "${String(spec.of)}"), not ${JSON.stringify(v)}` : `must be a decimal string or another input's name, not ${JSON.stringify(v)}`);
          return undefined;
        }
        if (s === slot) {
          fail(SIMULATE.boundCycle, `${field}.${key}`, "an input cannot be bounded by itself");
          return undefined;
        }
        return { input: s };
      }
      const t = ticksOf(v, places, `${field}.${key}`, fail);
      return t === null ? undefined : { ticks: t };
    };
    const start = num(k === "constant" ? "value" : k === "ramp" ? "from" : "start", needs[k].length > 0);
    const end = k === "ramp" ? num("to", true) : null;
    const mean = k === "mean_reverting" ? num("mean", true) : null;
    const step = k === "random_walk" || k === "mean_reverting" ? num("step", true) : null;
    if (step !== null && step < 0n) fail(SIMULATE.notADecimal, `${field}.step`, "must not be negative (it is the largest shock either way)");
    let speed: readonly [bigint, bigint] = [0n, 1n];
    if (k === "mean_reverting") {
      const s = fraction(spec.speed, `${field}.speed`, fail);
      if (s !== null) speed = s;
    }
    const lowDefault = of !== null ? { ticks: 0n } : null;
    const highDefault = of !== null ? { ticks: 10n ** BigInt(places) } : null;
    const low = bound("low");
    const high = bound("high");
    if (low !== undefined && high !== undefined && low !== null && high !== null && "ticks" in low && "ticks" in high && low.ticks > high.ticks) {
      fail(SIMULATE.boundsReversed, `${field}.low`, `the low bound ${spec.low as string} is above the high bound ${spec.high as string}`);
    }
    const effLow = low ?? lowDefault;
    const effHigh = high ?? highDefault;
    if (k === "uniform" && of === null) {
      const r = declared.get(slot);
      if ((effLow === null && r?.low == null) || (effHigh === null && r?.high == null)) {
        fail(SIMULATE.noBounds, field, `a uniform path needs both bounds: give "low" and "high", or declare the input's range in the terms`);
      }
    }
    paths.push({
      slot, name: decl.name, kind: k, places, of, valuePlaces,
      start: start ?? 0n, end: end ?? 0n, mean: mean ?? 0n, speed, step: step ?? 0n,
      low: effLow ?? null, high: effHigh ?? null, group: -1,
    });
  });

  const groups = planGroups(doc.correlations, paths, fail);
  const events = planEvents(program, doc.events, defaultPlaces, fail);
  const order = computeOrder(program, paths, fail);
  if (out.length > 0 || order === null) return { value: null, diagnostics: out };
  return { value: { order, groups, events }, diagnostics: [] };
}

type Fail = (code: string, field: string, message: string) => void;

function onlyFields(obj: Json, field: string, allowed: readonly string[], fail: Fail): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) fail(SIMULATE.unknownField, field === "" ? key : `${field}.${key}`, `unknown field; expected ${allowed.map((a) => `"${a}"`).join(", ")}`);
  }
}

function placesOf(v: unknown, field: string, fallback: number, fail: Fail): number {
  if (v === undefined) return fallback;
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_PLACES) return v;
  fail(SIMULATE.badPlaces, field, `must be a whole number from 0 to ${MAX_PLACES}, not ${JSON.stringify(v)}`);
  return fallback;
}

/** A decimal string (or a safe whole JSON number) as a whole number of 10^-places. */
export function ticksOf(v: unknown, places: number, field: string, fail: Fail): bigint | null {
  const text = typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v;
  const m = typeof text === "string" ? DECIMAL.exec(text) : null;
  if (m === null) {
    fail(SIMULATE.notADecimal, field, `must be a decimal string such as "1.85", not ${JSON.stringify(v) ?? "nothing"}`);
    return null;
  }
  const frac = (m[3] ?? "").replace(/0+$/, "");
  if (frac.length > places) {
    fail(SIMULATE.badPlaces, field, `${text as string} has ${frac.length} decimal places, more than the ${places} of the path (set "places")`);
    return null;
  }
  const digits = BigInt(m[2]! + frac.padEnd(places, "0"));
  return m[1] === "-" ? -digits : digits;
}

/** A decimal from 0 to 1 as numerator / denominator. */
function fraction(v: unknown, field: string, fail: Fail): [bigint, bigint] | null {
  const m = typeof v === "string" ? DECIMAL.exec(v) : null;
  if (m === null || m[1] === "-") {
    fail(SIMULATE.notADecimal, field, `must be a decimal string from 0 to 1, not ${JSON.stringify(v) ?? "nothing"}`);
    return null;
  }
  const frac = m[3] ?? "";
  const n = BigInt(m[2]! + frac);
  const d = 10n ** BigInt(frac.length);
  if (n > d) {
    fail(SIMULATE.notADecimal, field, `must be from 0 to 1, not ${v as string}`);
    return null;
  }
  return [n, d];
}

function planGroups(spec: unknown, paths: PathPlan[], fail: Fail): GroupPlan[] {
  if (spec === undefined) return [];
  if (!Array.isArray(spec)) {
    fail(SIMULATE.modelWrongType, "correlations", "must be an array of { \"inputs\": [names], \"weight\": \"0.8\" }");
    return [];
  }
  const groups: GroupPlan[] = [];
  spec.forEach((g: unknown, gi) => {
    const field = `correlations[${gi}]`;
    if (!isObject(g)) {
      fail(SIMULATE.badCorrelation, field, "must be an object { \"inputs\": [names], \"weight\": \"0.8\" }");
      return;
    }
    onlyFields(g, field, ["inputs", "weight"], fail);
    const weight = fraction(g.weight, `${field}.weight`, fail) ?? [0n, 1n];
    const names = g.inputs;
    if (!Array.isArray(names) || names.length < 2) {
      fail(SIMULATE.badCorrelation, `${field}.inputs`, "must list at least two inputs");
      return;
    }
    names.forEach((name: unknown, ni) => {
      const i = paths.findIndex((p) => p.name === name);
      const p = paths[i];
      if (p === undefined) fail(SIMULATE.badCorrelation, `${field}.inputs[${ni}]`, `${JSON.stringify(name)} is not an input with a path`);
      else if (p.kind !== "random_walk" && p.kind !== "mean_reverting") fail(SIMULATE.badCorrelation, `${field}.inputs[${ni}]`, `"${p.name}" is a ${p.kind} path; only random_walk and mean_reverting paths have shocks to share`);
      else if (p.group !== -1) fail(SIMULATE.badCorrelation, `${field}.inputs[${ni}]`, `"${p.name}" is already in correlations[${p.group}]`);
      else paths[i] = { ...p, group: gi };
    });
    groups.push({ weight });
  });
  return groups;
}

function planEvents(program: PreparedProgram, spec: unknown, defaultPlaces: (unit: string) => number, fail: Fail): EventPlan[] {
  if (spec === undefined) return [];
  if (!isObject(spec)) {
    fail(SIMULATE.modelWrongType, "events", "must be an object from event name to { \"rate\", \"args\" }");
    return [];
  }
  const header = program.header;
  for (const name of Object.keys(spec)) {
    if (!header.events.some((e) => e.name === name)) fail(SIMULATE.unknownEvent, `events.${name}`, `the terms declare no event "${name}" (events: ${header.events.map((e) => e.name).join(", ") || "none"})`);
  }
  const plans: EventPlan[] = [];
  header.events.forEach((decl, slot) => {
    const e = spec[decl.name];
    const field = `events.${decl.name}`;
    if (e === undefined) return; // not modelled: never occurs
    if (!isObject(e)) {
      fail(SIMULATE.modelWrongType, field, "must be an object { \"rate\": \"0.05\", \"args\": { … } }");
      return;
    }
    onlyFields(e, field, ["rate", "args"], fail);
    const rate = fraction_rate(e.rate, `${field}.rate`, fail);
    const argsSpec = e.args ?? {};
    if (!isObject(argsSpec)) {
      fail(SIMULATE.modelWrongType, `${field}.args`, "must be an object from argument name to { \"low\", \"high\" }");
      return;
    }
    for (const a of Object.keys(argsSpec)) {
      if (!decl.params.some((p) => p.name === a)) fail(SIMULATE.badEventArgument, `${field}.args.${a}`, `event "${decl.name}" has no argument "${a}"`);
    }
    const args = decl.params.map((p) => {
      const af = `${field}.args.${p.name}`;
      const a = argsSpec[p.name];
      if (!isObject(a)) {
        fail(SIMULATE.badEventArgument, af, `give the range of argument "${p.name}": { "low": "…", "high": "…" }`);
        return { low: 0n, high: 0n, places: 0 };
      }
      onlyFields(a, af, ["low", "high", "places"], fail);
      const places = placesOf(a.places, `${af}.places`, defaultPlaces(p.unit), fail);
      const low = ticksOf(a.low, places, `${af}.low`, fail);
      const high = ticksOf(a.high, places, `${af}.high`, fail);
      if (low === null || high === null) return { low: 0n, high: 0n, places };
      if (low > high) fail(SIMULATE.boundsReversed, `${af}.low`, `the low bound ${a.low as string} is above the high bound ${a.high as string}`);
      return { low, high, places };
    });
    if (rate !== null && rate[0] > 0n) plans.push({ slot, name: decl.name, cdf: poissonTable(rate[0], rate[1]), limit: decl.limit, args });
  });
  return plans;
}

/** A Poisson rate: a decimal from 0 to MAX_RATE events a period. */
function fraction_rate(v: unknown, field: string, fail: Fail): [bigint, bigint] | null {
  const m = typeof v === "string" ? DECIMAL.exec(v) : null;
  if (m === null || m[1] === "-") {
    fail(SIMULATE.badRate, field, `must be a decimal string from 0 to ${MAX_RATE} (events a period on average), not ${JSON.stringify(v) ?? "nothing"}`);
    return null;
  }
  const frac = m[3] ?? "";
  if (frac.length > MAX_PLACES) {
    fail(SIMULATE.badRate, field, `has more than ${MAX_PLACES} decimal places`);
    return null;
  }
  const n = BigInt(m[2]! + frac);
  const d = 10n ** BigInt(frac.length);
  if (n > BigInt(MAX_RATE) * d) {
    fail(SIMULATE.badRate, field, `must be at most ${MAX_RATE}, not ${v as string}`);
    return null;
  }
  return [n, d];
}

/** The inputs each input's value needs first: its `of`, its model bounds' inputs, its declared range's inputs. */
function computeOrder(program: PreparedProgram, paths: readonly PathPlan[], fail: Fail): PathPlan[] | null {
  const bySlot = new Map(paths.map((p) => [p.slot, p]));
  const deps = new Map<number, number[]>();
  for (const p of paths) {
    const d: number[] = [];
    if (p.of !== null) d.push(p.of);
    for (const b of [p.low, p.high]) if (b !== null && "input" in b) d.push(b.input);
    deps.set(p.slot, d);
  }
  for (const r of program.ranges) {
    const d = deps.get(r.slot);
    if (d === undefined) continue;
    const ir = (program.ir.ranges ?? []).find((x) => x.input === r.slot);
    if (ir !== undefined) for (const b of [ir.low, ir.high]) if (b !== null) collectInputs(b.value, d);
  }
  const order: PathPlan[] = [];
  const state = new Map<number, "visiting" | "done">();
  let cycle = false;
  const visit = (slot: number, chain: string[]) => {
    const s = state.get(slot);
    if (s === "done" || cycle) return;
    const p = bySlot.get(slot);
    if (p === undefined) return; // reported: not modelled
    if (s === "visiting") {
      cycle = true;
      fail(SIMULATE.boundCycle, `inputs.${p.name}`, `its value needs itself: ${[...chain, p.name].join(" → ")}`);
      return;
    }
    state.set(slot, "visiting");
    for (const d of deps.get(slot) ?? []) visit(d, [...chain, p.name]);
    state.set(slot, "done");
    order.push(p);
  };
  for (const p of [...paths].sort((a, b) => a.slot - b.slot)) visit(p.slot, []);
  return cycle ? null : order;
}

/** Every input slot an IR expression reads (walked generically: the IR is plain data). */
function collectInputs(node: unknown, into: number[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collectInputs(n, into);
    return;
  }
  if (!isObject(node)) return;
  if (node.kind === "Input" && typeof node.slot === "number") into.push(node.slot);
  for (const [k, v] of Object.entries(node)) if (k !== "range" && typeof v === "object") collectInputs(v, into);
}
