/**
 * The registry of built-ins (src/builtins/registry.ts) is the one list every
 * phase reads: each entry is well formed, and it is listed everywhere a
 * reader meets the built-ins — the tables of docs/language.md §4, the
 * editor's completion and highlighting, and docs/artifact.md's list of the
 * IR's built-ins. Its English (explain) and its period reads (what the
 * runtime traces and remembers per period) agree with what the docs say.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BUILTINS, BUILTIN_NAMES, builtinNamed } from "../../src/builtins/registry.ts";
import type { Builtin } from "../../src/builtins/builtin.ts";
import { completionsAt } from "../../src/editor/completion.ts";
import { tenorMonarch } from "../../src/editor/monarch.ts";
import { indexOf } from "../editor/completion-helpers.ts";

const doc = (name: string) => readFileSync(fileURLToPath(new URL(`../../docs/${name}`, import.meta.url)), "utf8");
const LANGUAGE = doc("language.md");
const ARTIFACT = doc("artifact.md");

const entries: readonly (readonly [string, Builtin])[] = Object.entries(BUILTINS);

/** The argument counts a call may have; a variadic built-in (max ∞) is tried up to three past its minimum. */
function countsOf(fn: Builtin): number[] {
  if (fn.arity.counts !== undefined) return [...fn.arity.counts];
  const top = Number.isFinite(fn.arity.max) ? fn.arity.max : fn.arity.min + 3;
  return Array.from({ length: top - fn.arity.min + 1 }, (_, i) => fn.arity.min + i);
}

/** A call form as written, `NAME(p, q, …)`: its name and how many parameters it shows (`…` one of them). */
interface Form {
  readonly name: string;
  readonly params: number;
  readonly variadic: boolean;
}

function formOf(text: string): Form | null {
  const m = /^([a-z_][a-z0-9_]*)\((.*)\)$/.exec(text.trim());
  if (m === null) return null;
  const params = m[2]!.trim() === "" ? [] : m[2]!.split(",").map((p) => p.trim());
  return { name: m[1]!, params: params.length, variadic: params.includes("…") };
}

/** The text of one `## N.` section of docs/language.md. */
function section(n: number): string {
  const start = LANGUAGE.search(new RegExp(`^## ${n}\\. `, "m"));
  const end = LANGUAGE.search(new RegExp(`^## ${n + 1}\\. `, "m"));
  expect(start).toBeGreaterThanOrEqual(0);
  return LANGUAGE.slice(start, end < 0 ? undefined : end);
}

/** Every call form in the first cell of the built-in table rows (`| \`NAME(…)\`, … | … |`) of a text. */
function documentedForms(text: string): Form[] {
  const out: Form[] = [];
  for (const line of text.split("\n")) {
    if (!/^\| `[a-z_0-9]+\(/.test(line)) continue;
    const cell = line.split("|")[1]!;
    for (const m of cell.matchAll(/`([^`]+)`/g)) {
      const f = formOf(m[1]!);
      if (f !== null) out.push(f);
    }
  }
  return out;
}

describe("the registry of built-ins", () => {
  it("names every entry by its key, and builtinNamed finds exactly those", () => {
    for (const [key, fn] of entries) {
      expect(fn.name).toBe(key);
      expect(builtinNamed(key)).toBe(fn);
    }
    expect(BUILTIN_NAMES).toEqual(Object.keys(BUILTINS));
    for (const name of ["toString", "hasOwnProperty", "__proto__", "constructor", "sqrt", "Round"]) {
      expect(builtinNamed(name)).toBeUndefined();
    }
  });

  it("gives every entry an arity whose minimum is at most its maximum, and whose listed counts lie between them", () => {
    for (const [, fn] of entries) {
      const { min, max, counts } = fn.arity;
      expect(Number.isInteger(min) && min >= 0, fn.name).toBe(true);
      expect(min, fn.name).toBeLessThanOrEqual(max);
      expect(Number.isInteger(max) || max === Infinity, fn.name).toBe(true);
      if (counts === undefined) continue;
      expect(counts.length, fn.name).toBeGreaterThan(0);
      for (const c of counts) {
        expect(Number.isInteger(c), fn.name).toBe(true);
        expect(c, fn.name).toBeGreaterThanOrEqual(min);
        expect(c, fn.name).toBeLessThanOrEqual(max);
      }
      expect(counts, fn.name).toContain(min);
      expect(counts, fn.name).toContain(max);
    }
  });

  it("gives every entry usage forms that name it, one for each allowed count", () => {
    for (const [, fn] of entries) {
      const forms = fn.usage.split(" or ").map(formOf);
      for (const f of forms) {
        expect(f, `${fn.name}: ${fn.usage}`).not.toBeNull();
        expect(f!.name).toBe(fn.name);
      }
      const shown = forms.map((f) => (f!.variadic ? `${f!.params - 1}+` : String(f!.params)));
      const allowed = fn.arity.max === Infinity ? [`${fn.arity.min}+`] : countsOf(fn).map(String);
      expect(shown, fn.name).toEqual(allowed);
      expect(fn.summary.trim().length, fn.name).toBeGreaterThan(0);
    }
  });

  it("has every entry in docs/language.md's built-in tables with each of its usage forms", () => {
    const forms = documentedForms(section(4));
    for (const [, fn] of entries) {
      for (const text of fn.usage.split(" or ")) {
        const want = formOf(text)!;
        // Parameter names may differ (`act_365f(a, b)` in the docs, `act_365f(from, to)` in the editor): name and count must not.
        const found = forms.some((f) => f.name === want.name && f.params === want.params && f.variadic === want.variadic);
        expect(found, `docs/language.md §4 has no row for ${text}`).toBe(true);
      }
    }
    // And nothing documented there is unknown to the registry.
    for (const f of forms) expect(builtinNamed(f.name), `${f.name} in docs/language.md §4`).toBeDefined();
  });

  it("offers every built-in where an expression may start, as a call with its usage and summary", () => {
    const source = `deal "D"
parties {
  op: "Operator"
  vendor: "Vendor"
}
term 2026-01-01 to 2027-12-31, monthly
currency USD
input sold: number
clause c {
  vendor pays op 1 USD * sold
}
`;
    const index = indexOf(source);
    const offset = source.indexOf("1 USD * ") + "1 USD * ".length;
    const offered = new Map(completionsAt(index, source, offset).filter((c) => c.kind === "builtin").map((c) => [c.label, c]));
    expect([...offered.keys()]).toEqual([...BUILTIN_NAMES]);
    for (const [name, fn] of entries) {
      const c = offered.get(name)!;
      expect(c.detail).toBe(fn.usage);
      expect(c.insertText).toBe(`${name}($0)`);
      expect(c.snippet).toBe(true);
      expect(c.documentation).toContain(fn.summary);
    }
  });

  it("highlights every built-in, and nothing else, as a built-in in the Monarch tokenizer", () => {
    expect(tenorMonarch().builtins).toEqual([...BUILTIN_NAMES]);
  });

  it("lists every built-in, in registry order, as an IR `fn` in docs/artifact.md", () => {
    const row = ARTIFACT.split("\n").find((l) => l.startsWith("| `Call` |"));
    expect(row).toBeDefined();
    const list = /`fn`[^`]*`([a-z_0-9 ]+)`/.exec(row!)?.[1];
    expect(list?.split(" ")).toEqual([...BUILTIN_NAMES]);
    expect(row).toContain("src/builtins/registry.ts");
  });
});

describe("the English of a call (explain)", () => {
  const placeholders = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));

  it("is a non-empty fragment, for every allowed count, that mentions every argument", () => {
    for (const [, fn] of entries) {
      for (const n of countsOf(fn)) {
        const args = placeholders(n);
        const text = fn.english(args);
        const what = `${fn.name}(${args.join(", ")}) → ${JSON.stringify(text)}`;
        expect(typeof text, what).toBe("string");
        expect(text.trim().length, what).toBeGreaterThan(0);
        expect(text, what).toBe(text.trim());
        // A fragment: it goes inside a sentence of explain, so no full stop and no line break.
        expect(text, what).not.toMatch(/[.\n]$/);
        expect(text, what).not.toMatch(/undefined|null|NaN|\[object/);
        for (const a of args) expect(text, `${what} does not mention ${a}`).toMatch(new RegExp(`\\b${a}\\b`));
      }
    }
  });

  it("keeps the arguments in the order they are written where a call has more than one", () => {
    for (const name of ["min", "max", "interpolate", "convert", "compound", "marginal"] as const) {
      const fn = BUILTINS[name];
      for (const n of countsOf(fn)) {
        const args = placeholders(n);
        const text = fn.english(args);
        // marginal reads "amount … through the tiers of TABLE, on top of base": only its table comes before the base.
        const order = name === "marginal" ? ["B", "C"] : args.slice(0, name === "interpolate" ? 2 : n);
        const at = order.map((a) => text.search(new RegExp(`\\b${a}\\b`)));
        if (name === "marginal") expect(at[0]!, text).toBeGreaterThan(at[1]!);
        else expect(at, text).toEqual([...at].sort((x, y) => x - y));
      }
    }
  });
});

describe("period reads and per-period memos", () => {
  /**
   * What docs/language.md §4 says reads the period: the day counts without
   * arguments, interpolate without `at`; and the deal's term (`term`): the
   * day counts that take their frequency or Termination Date from it.
   */
  const BOTH = ["period_start", "period_end"];
  const DOCUMENTED: Readonly<Record<string, Readonly<Record<number, readonly string[]>>>> = {
    act_365f: { 0: BOTH },
    act_360: { 0: BOTH },
    thirty_360: { 0: BOTH },
    act_act_isda: { 0: BOTH },
    act_act_icma: { 0: [...BOTH, "term"], 2: ["term"] },
    thirty_e_360: { 0: BOTH },
    thirty_e_360_isda: { 0: [...BOTH, "term"], 2: ["term"] },
    thirty_360_us: { 0: BOTH },
    act_365l: { 0: [...BOTH, "term"], 2: ["term"] },
    nl_365: { 0: BOTH },
    interpolate: { 4: ["period_start"] },
  };

  it("matches the docs' paragraph on where the period is read", () => {
    const para = /\*\*Where the period is read\.\*\*([\s\S]*?)\n\n/.exec(section(4))?.[1] ?? "";
    expect(para).toContain("`act_365f()` (and every other day count\n  without arguments)");
    expect(para).toContain("`act_act_icma(a, b)`, `act_365l(a, b)` and `thirty_e_360_isda(a, b)` read\n  the deal's term");
    expect(para).toContain("`interpolate` without `at`");
    // The rows that say which period facts those forms read.
    expect(LANGUAGE).toMatch(/\| `act_365f\(\)`, `act_360\(\)`, `thirty_360\(\)` \| the same over the current period: `a` = `period_start`, `b` = `period_end` \+ 1 day \|/);
    expect(LANGUAGE).toMatch(/\| `interpolate\(from_value, to_value, from_date, to_date\)` \| [^|]*taken at `period_start` \|/);
  });

  it("reports period reads for exactly the documented forms, and the period facts they read", () => {
    for (const [name, fn] of entries) {
      for (const n of countsOf(fn)) {
        const want = DOCUMENTED[name]?.[n] ?? [];
        expect([...fn.readsPeriod(n)].sort(), `${name} with ${n} arguments`).toEqual([...want].sort());
      }
    }
  });

  it("calls costly exactly the forms that divide or multiply many times: day counts, interpolate, a stepped round, compound", () => {
    const costly = new Set<string>();
    for (const [name, fn] of entries) for (const n of countsOf(fn)) if (fn.costly(n)) costly.add(`${name}/${n}`);
    expect([...costly].sort()).toEqual(
      ["act_365f/0", "act_365f/2", "act_360/0", "act_360/2", "thirty_360/0", "thirty_360/2", "interpolate/4", "interpolate/5",
        "round/2", "floor/2", "ceil/2", "compound/2",
        ...["act_act_isda", "thirty_e_360", "thirty_360_us", "nl_365"].flatMap((n) => [`${n}/0`, `${n}/2`]),
        ...["act_act_icma", "thirty_e_360_isda", "act_365l"].flatMap((n) => [`${n}/0`, `${n}/2`, `${n}/3`])].sort(),
    );
  });

  it("calls every form that reads the period costly, so the runtime remembers it per period", () => {
    for (const [name, fn] of entries) {
      for (const n of countsOf(fn)) if (fn.readsPeriod(n).length > 0) expect(fn.costly(n), `${name}/${n}`).toBe(true);
    }
  });
});
