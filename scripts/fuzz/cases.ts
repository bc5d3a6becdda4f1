/**
 * The fuzzer's cases: random text, token soup, mutated valid term sheets,
 * generated term sheets, and random or mutated inputs files. Case `index`
 * of a run seeded `seed` is a pure function of the two (test/generators/random.ts), so a
 * failure reproduces with `--seed S --case I`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { InputFile } from "../../src/api.ts";
import { KEYWORDS, OPERATORS } from "../../grammar/tokens.ts";
import { generateProgram, inputFiles } from "../../test/generators/program.ts";
import { generateCase } from "../../test/reference/case-generator.ts";
import { Random } from "../../test/generators/random.ts";

export type FuzzKind = "random-text" | "token-soup" | "mutated-source" | "generated-source" | "mutated-inputs";

export interface FuzzCase {
  readonly kind: FuzzKind;
  readonly source: string;
  readonly files: readonly InputFile[];
}

/** A valid term sheet with inputs to start mutating from. */
interface Sample {
  readonly source: string;
  readonly files: readonly InputFile[];
}

/** Term sheets already in the project (examples, case files) and the shared acceptance deals, with their inputs. */
export function loadCorpus(root: string): Sample[] {
  const out: Sample[] = [];
  const add = (tenor: string, inputs: string[]) => {
    const files = inputs.filter(existsSync).map((f) => ({ name: f.replace(/^.*[\\/]/, ""), text: readFileSync(f, "utf8") }));
    out.push({ source: readFileSync(tenor, "utf8"), files });
  };
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".tenor")) {
        const base = path.replace(/\.tenor$/, "");
        add(path, [`${base}.inputs.json`, `${base}.inputs.csv`, `${base}.events.csv`, `${base}.events.json`, join(dir, "inputs.json")]);
      }
    }
  };
  walk(join(root, "examples"));
  walk(join(root, "test", "cases"));
  walk(join(root, "..", "shared", "conformance"));
  return out;
}

// ---------------------------------------------------------------- building blocks

const ODD_CHARS = ["é", "€", "😀", "\uD800", "\u0000", "\uFEFF", "\u00A0", "\u2028", "\t", "\r", "\r\n", "\v", "\\", '"', "`", "#", "$", "@", "!", "?", ";", "~", "^", "|", "&", "[", "]", "'", "."];

function randomText(r: Random): string {
  const length = r.pick([0, 1, 5, 20, 80, 300]);
  let s = "";
  for (let i = 0; i < length; i++) {
    const roll = r.int(0, 9);
    s += roll < 6 ? String.fromCharCode(r.int(0x20, 0x7e)) : roll < 8 ? r.pick(["\n", " ", "  "]) : r.pick(ODD_CHARS);
  }
  return s;
}

const NAMES = ["a", "b", "revenue", "share_rate", "x", "nvidia", "sharon", "USD", "gpu_hour", "days", "period_start", "max", "round", "warrants", "_", "number"];
const LITERALS = ["0", "1", "12.5", "1_000", "40_000", "6.3", "2026-07-01", "2027-02-29", "9999-12-31", "0000-01-01", '"title"', '"unterminated', '"esc\\"aped"', "99999999999999999999999999999999", "0.00000000000000000000001"];

function token(r: Random): string {
  const roll = r.int(0, 9);
  if (roll < 4) return r.pick(KEYWORDS);
  if (roll < 6) return r.pick(OPERATORS);
  if (roll < 8) return r.pick(NAMES);
  if (roll < 9) return r.pick(LITERALS);
  return r.pick(["// comment\n", "\n", "{", "}", "(", ")"]);
}

function tokenSoup(r: Random): string {
  const parts: string[] = [];
  // Often start like a real sheet, so the soup reaches the later declarations.
  if (r.chance(0.5)) parts.push('deal "Soup"\nparties { a: "A" b: "B" }\nterm 2026-07-01 to 2027-06-30, monthly\ncurrency USD\n');
  for (let i = r.pick([3, 10, 40, 150]); i > 0; i--) parts.push(token(r), r.pick([" ", " ", "\n", ""]));
  return parts.join("");
}

/** One mutation of a source text. */
function mutateText(r: Random, s: string): string {
  const at = r.int(0, s.length);
  const span = r.int(1, 30);
  switch (r.int(0, 11)) {
    case 11: {
      // Lets that square the one before: exact arithmetic doubles the digits at every step.
      const k = r.pick([6, 12, 30]);
      const lets = Array.from({ length: k }, (_, i) => (i === 0 ? "let zq0 = 1.5" : `let zq${i} = zq${i - 1} * zq${i - 1}`)).join("\n  ");
      return s.replace(/clause\s+[A-Za-z_]\w*(\s+"[^"\n]*")?\s*\{/, (m) => `${m}\n  ${lets}\n  when zq${k - 1} > 0 { }\n`);
    }
    case 0:
      return s.slice(0, at) + s.slice(at + span); // delete
    case 1:
      return s.slice(0, at) + s.slice(at, at + span) + s.slice(at); // duplicate
    case 2:
      return `${s.slice(0, at)} ${token(r)} ${s.slice(at)}`; // insert a token
    case 3:
      return s.slice(0, at) + r.pick(ODD_CHARS) + s.slice(at + 1); // replace a character
    case 4:
      return s.slice(0, at); // truncate
    case 5: {
      // swap two lines
      const lines = s.split("\n");
      const i = r.int(0, lines.length - 1);
      const j = r.int(0, lines.length - 1);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join("\n");
    }
    case 6: {
      // a nesting bomb around whatever follows
      const n = r.pick([150, 199, 200, 201, 260, 2000]);
      const open = r.pick(["(", "-", "not ", "if a then 1 else ", "max(", "when a { "]);
      const close = open === "(" || open === "max(" ? ")" : open === "when a { " ? "}" : "";
      return `${s.slice(0, at)}${open.repeat(n)}1${close.repeat(r.chance(0.8) ? n : r.int(0, n))}${s.slice(at)}`;
    }
    case 7:
      // an extreme number where a number was
      return s.replace(/\d[\d_]*(\.\d+)?/, r.pick(["99999999999999999999999999999999999", "0.000000000000000000000000000001", "0", "1_", "00000000", "1.5"]));
    case 8:
      // an odd date where a date was
      return s.replace(/\d{4}-\d{2}-\d{2}/, r.pick(["0000-00-00", "9999-12-31", "0001-01-01", "2026-02-29", "2028-02-29", "2026-13-01", "1970-01-01"]));
    case 9:
      // a name changed to another (often a keyword or an undeclared name)
      return s.replace(/\b[a-z_]+\b/, token(r).trim());
    default:
      // a whole declaration repeated
      return s + "\n" + s.slice(s.indexOf("clause") >= 0 ? s.indexOf("clause") : 0);
  }
}

function mutateSource(r: Random, s: string): string {
  let out = s;
  for (let i = r.int(1, 4); i > 0; i--) out = mutateText(r, out);
  return out;
}

// ---------------------------------------------------------------- inputs

/** Values that are not plain decimal strings, as raw JSON. */
const ODD_VALUES = [
  "1e3", "1e400", "-1e400", "1.5e-400", "12345678901234567890", "1.00000000000000001", "0.1", "-0", "17280000", "100.50",
  '"1e6"', '"+5"', '" 5"', '"5 "', '"1,000.00"', '"1_000"', '""', '"NaN"', '"Infinity"', '"-"', '".5"', '"5."', '"0x10"',
  '"١٢٣"', '"１２"', '"12 000"', '"-12.50"', '"00012"', `"${"9".repeat(400)}"`, "null", "true", "[]", "{}", '{"__proto__": 1}', '[1, 2]',
];
const ODD_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "period", "events", "periods", "date", "event", "", " revenue", "REVENUE"];
const ODD_DATES = ["2026-07-01", "2026-07-02", "2026-02-30", "0000-01-01", "9999-12-31", "2026-7-1", "", "2026-07-01T00:00:00Z", "20260701"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Mutates a parsed inputs document; raw JSON fragments go in through placeholders (`@@RAWn@@`, `@@KEYn@@`). */
function mutateDocument(r: Random, doc: Json, raw: string[], keys: string[]): Json {
  const objects: { [key: string]: Json }[] = [];
  const arrays: Json[][] = [];
  const collect = (x: Json) => {
    if (Array.isArray(x)) {
      arrays.push(x);
      x.forEach(collect);
    } else if (x !== null && typeof x === "object") {
      objects.push(x);
      Object.values(x).forEach(collect);
    }
  };
  collect(doc);
  const rawValue = () => {
    raw.push(r.pick(ODD_VALUES));
    return `@@RAW${raw.length - 1}@@`;
  };
  switch (r.int(0, 7)) {
    case 0:
    case 1: {
      // a field's value replaced by something odd
      const o = objects.length > 0 ? r.pick(objects) : null;
      const k = o === null ? undefined : r.pick(Object.keys(o).length > 0 ? Object.keys(o) : ["x"]);
      if (o !== null && k !== undefined) o[k] = rawValue();
      break;
    }
    case 2: {
      // an odd key added (kept literally, even `__proto__`)
      const o = objects.length > 0 ? r.pick(objects) : null;
      keys.push(r.pick(ODD_KEYS));
      if (o !== null) o[`@@KEY${keys.length - 1}@@`] = r.chance(0.5) ? rawValue() : { polluted: "yes" };
      break;
    }
    case 3: {
      // a row or event repeated, dropped or moved
      const a = arrays.length > 0 ? r.pick(arrays) : null;
      if (a !== null && a.length > 0) {
        const i = r.int(0, a.length - 1);
        const how = r.int(0, 2);
        if (how === 0) a.splice(i, 0, structuredClone(a[i]!));
        else if (how === 1) a.splice(i, 1);
        else a.push(a.splice(i, 1)[0]!);
      }
      break;
    }
    case 4: {
      // a date changed
      const o = objects.find((x) => "period" in x || "date" in x);
      if (o !== undefined) o["period" in o ? "period" : "date"] = r.pick(ODD_DATES);
      break;
    }
    case 5:
      // events added: unknown, out of the term, many
      if (doc !== null && typeof doc === "object" && !Array.isArray(doc)) {
        const events = Array.isArray(doc["events"]) ? doc["events"] : (doc["events"] = []);
        const n = r.pick([1, 3, 500]);
        for (let i = 0; i < n; i++) events.push({ date: r.pick(ODD_DATES), event: r.pick(["lease_default", "nope", "default", ""]), missed_rent: "1" });
      }
      break;
    case 6:
      // the whole document replaced by the wrong shape
      return r.pick<Json>([[], {}, "periods", null, { periods: {} }, { periods: [[]] }, { periods: "2026-07-01" }]);
    default:
      if (doc !== null && typeof doc === "object" && !Array.isArray(doc)) delete doc[r.pick(["periods", "events"])];
  }
  return doc;
}

function toCsv(doc: Json): string {
  const rows = doc !== null && typeof doc === "object" && !Array.isArray(doc) && Array.isArray(doc["periods"]) ? doc["periods"] : [];
  const header = [...new Set(rows.flatMap((row) => (row !== null && typeof row === "object" && !Array.isArray(row) ? Object.keys(row) : [])))];
  const cell = (v: Json | undefined) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
  const lines = rows.map((row) => header.map((h) => cell(row !== null && typeof row === "object" && !Array.isArray(row) ? row[h] : undefined)).join(","));
  return [header.join(","), ...lines].join("\n") + "\n";
}

function mutateInputs(r: Random, sample: Sample): InputFile[] {
  const json = sample.files.find((f) => f.name.endsWith(".json"));
  let doc: Json = { periods: [], events: [] };
  try {
    if (json !== undefined) doc = JSON.parse(json.text) as Json;
  } catch {
    // a case file's inputs may be deliberately broken: start from an empty document
  }
  const raw: string[] = [];
  const keys: string[] = [];
  for (let i = r.int(1, 3); i > 0; i--) doc = mutateDocument(r, doc, raw, keys);
  const fill = (text: string) =>
    text.replace(/"@@RAW(\d+)@@"/g, (_, n: string) => raw[Number(n)]!).replace(/"@@KEY(\d+)@@"/g, (_, n: string) => JSON.stringify(keys[Number(n)]!));
  switch (r.int(0, 5)) {
    case 0: {
      // as CSV, sometimes damaged
      let csv = fill(toCsv(doc)).replace(/@@RAW\d+@@|@@KEY\d+@@/g, "x");
      if (r.chance(0.5)) csv = mutateText(r, csv);
      if (r.chance(0.2)) csv = csv.replace(/,/g, ";");
      if (r.chance(0.2)) csv = "\uFEFF" + csv.replace(/\n/g, "\r\n");
      return [{ name: "inputs.csv", text: csv }];
    }
    case 1:
      // damaged JSON text
      return [{ name: "inputs.json", text: mutateSource(r, fill(JSON.stringify(doc, null, r.chance(0.5) ? 1 : 0))) }];
    case 2:
      // deep nesting
      return [{ name: "inputs.json", text: `{"periods": ${"[".repeat(r.pick([60, 70, 5000]))}` }];
    case 3:
      // an odd set of files
      return r.pick([
        [],
        [{ name: "inputs.txt", text: fill(JSON.stringify(doc)) }],
        [{ name: "a.json", text: "{}" }, { name: "b.json", text: "{}" }],
        [{ name: "inputs.csv", text: "period\n" }, { name: "events.json", text: fill(JSON.stringify(doc)) }],
      ]);
    default:
      return [{ name: "inputs.json", text: fill(JSON.stringify(doc)) }];
  }
}

// ---------------------------------------------------------------- the case for an index

/** A generated valid program with its inputs (the shared generator or the reference's), small so cases stay fast. */
function generated(r: Random): Sample {
  if (r.chance(0.5)) {
    const layout = r.pick(["pretty", "commented", "messy"] as const);
    const p = generateProgram(r.next(), { maxPeriods: 8, maxClauses: 2, layout });
    return { source: p.source, files: inputFiles(p) };
  }
  const c = generateCase(r.next());
  return { source: c.source, files: [{ name: "inputs.json", text: c.inputs[0]! }] };
}

/**
 * What mutations start from: the project's term sheets plus generated ones
 * (made once per run, so inputs cases on one sample check it once).
 */
export function samplePool(seed: number, corpus: readonly Sample[]): Sample[] {
  const r = new Random(seed ^ 0x5eed);
  return [...corpus, ...Array.from({ length: 80 }, () => generated(r))];
}

/**
 * Case `index` of the run seeded `seed`. Cheap cases (random text, token
 * soup) are the most frequent; mutated term sheets and inputs next; a fresh
 * generated term sheet (the whole pipeline, formatter and tests included)
 * one case in twenty.
 */
export function fuzzCase(seed: number, index: number, pool: readonly Sample[]): FuzzCase {
  const r = Random.forCase(seed, index);
  // The shorter of two samples: small sheets keep the rate of cases up; the large ones still come up.
  const pick = () => {
    const a = r.pick(pool);
    const b = r.pick(pool);
    return a.source.length <= b.source.length ? a : b;
  };
  const k = index % 20;
  if (k < 6) return { kind: "random-text", source: randomText(r), files: [] };
  if (k < 11) return { kind: "token-soup", source: tokenSoup(r), files: [] };
  if (k < 16) {
    const b = pick();
    return { kind: "mutated-source", source: mutateSource(r, b.source), files: b.files };
  }
  if (k === 16) {
    const b = generated(r);
    return { kind: "generated-source", source: b.source, files: b.files };
  }
  const b = pick();
  return { kind: "mutated-inputs", source: b.source, files: mutateInputs(r, b) };
}
