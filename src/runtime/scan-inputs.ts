/**
 * The inputs file as services usually send it, read without JSON.parse:
 * `{"periods":[{"period":"2026-01-01","revenue":"9668949.37",…},…]}`,
 * with no events (or `"events":[]`), any whitespace and any key order
 * inside a row. Each row must be the next period of the term and give
 * every input exactly once, each a decimal string; every string must be a
 * key or a value of that shape (so none holds an escape or a control
 * character). Anything else gives undefined, and the caller reads the text
 * with JSON.parse (read-inputs.ts), which builds an object and a string
 * for every row and value, after which the keys must be counted in the
 * text to catch repeats; this reads the values straight into decimals.
 */
import { Decimal } from "../eval/decimal.ts";
import type { Period } from "../eval/periods.ts";
import type { TermsHeader } from "../ir/ir.ts";
import type { Limits } from "../limits.ts";
import type { PeriodInput } from "./engine.ts";

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

class Scanner {
  private at = 0;

  constructor(private readonly text: string) {}

  /** The next character after whitespace (NaN at the end), not consumed. */
  peek(): number {
    let c = this.text.charCodeAt(this.at);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = this.text.charCodeAt(++this.at);
    return c;
  }

  /** Consumes `code` if it comes next. */
  take(code: number): boolean {
    if (this.peek() !== code) return false;
    this.at++;
    return true;
  }

  /** The next string's raw text, or undefined if a string does not come next or holds a backslash. */
  string(): string | undefined {
    if (this.peek() !== QUOTE) return undefined;
    const end = this.text.indexOf('"', this.at + 1);
    if (end < 0) return undefined;
    const s = this.text.slice(this.at + 1, end);
    if (s.includes("\\")) return undefined;
    this.at = end + 1;
    return s;
  }

  /** Whether only whitespace is left. */
  atEnd(): boolean {
    this.peek();
    return this.at === this.text.length;
  }
}

/** The periods of a plain inputs text (see above), or undefined when it is not one. */
export function scanInputs(text: string, header: TermsHeader, term: readonly Period[], limits: Limits): PeriodInput[] | undefined {
  const s = new Scanner(text);
  if (!s.take(OPEN_OBJECT) || s.string() !== "periods" || !s.take(COLON) || !s.take(OPEN_ARRAY)) return undefined;
  const names = header.inputs.map((i) => i.name);
  const periods: PeriodInput[] = [];
  if (!s.take(CLOSE_ARRAY)) {
    do {
      const period = term[periods.length];
      if (period === undefined || periods.length >= limits.maxInputRows) return undefined;
      const inputs = row(s, period, names);
      if (inputs === undefined) return undefined;
      periods.push({ period, inputs, events: header.events.map(() => []) });
    } while (s.take(COMMA));
    if (!s.take(CLOSE_ARRAY)) return undefined;
  }
  if (s.take(COMMA) && (s.string() !== "events" || !s.take(COLON) || !s.take(OPEN_ARRAY) || !s.take(CLOSE_ARRAY))) return undefined;
  return s.take(CLOSE_OBJECT) && s.atEnd() ? periods : undefined;
}

/** One row: `period` and every input exactly once, in any order. */
function row(s: Scanner, period: Period, names: readonly string[]): Decimal[] | undefined {
  if (!s.take(OPEN_OBJECT)) return undefined;
  const values: (Decimal | undefined)[] = new Array(names.length);
  let given = 0;
  let dated = false;
  do {
    const key = s.string();
    if (key === undefined || !s.take(COLON)) return undefined;
    const value = s.string();
    if (value === undefined) return undefined;
    if (key === "period") {
      if (dated || value !== period.start) return undefined;
      dated = true;
      continue;
    }
    const slot = names.indexOf(key);
    if (slot < 0 || values[slot] !== undefined) return undefined;
    const d = Decimal.parse(value);
    if (d === null) return undefined;
    values[slot] = d;
    given++;
  } while (s.take(COMMA));
  if (!s.take(CLOSE_OBJECT) || !dated || given !== names.length) return undefined;
  return values as Decimal[];
}
