/**
 * Resource limits (cel-js style: explicit, configurable, each tested at
 * N−1 and N). Lawyers paste anything into the playground and services
 * receive whatever upstream systems send: past a limit Tenor answers with
 * a typed diagnostic — with a source position, or naming the data file —
 * never a RangeError, a stack overflow or an exhausted heap.
 *
 * Where each is enforced:
 * - `maxSourceBytes`, `maxDepth`: the parser (src/syntax/parse.ts), TN1005 / TN1004;
 * - `maxAstNodes`, `maxPeriods`: the checker (src/check/check-program.ts), TN2090 / TN2091;
 * - `maxModules`: imports (src/modules/load.ts), TN2213;
 * - `maxInputBytes`, `maxInputRows`, `maxEvents`: the inputs loader
 *   (src/inputs/load-inputs.ts), TN3125 / TN3126 / TN3127.
 */
import { groupDigits as groupDecimalText } from "./text/group-digits.ts";
export interface Limits {
  /** Largest term sheet accepted, in UTF-8 bytes. */
  readonly maxSourceBytes: number;
  /** Deepest nesting of brackets, `if`s, prefix operators and operator chains in one declaration. */
  readonly maxDepth: number;
  /** Most AST nodes in one term sheet (every expression, statement, name and declaration counts). */
  readonly maxAstNodes: number;
  /** Most periods a term may have (`term 2026-01-01 to 2999-12-31, monthly` has 11,688). */
  readonly maxPeriods: number;
  /** Most files one term sheet may import, directly or through other imports. */
  readonly maxModules: number;
  /** Largest inputs file accepted, in UTF-8 bytes; checked before the file is parsed. */
  readonly maxInputBytes: number;
  /** Most period rows in the inputs. */
  readonly maxInputRows: number;
  /** Most events in the inputs. */
  readonly maxEvents: number;
}

/** The limits used when none are given. */
export const DEFAULT_LIMITS: Limits = {
  maxSourceBytes: 10_000_000,
  maxDepth: 200,
  maxAstNodes: 1_000_000,
  maxPeriods: 10_000,
  maxModules: 100,
  maxInputBytes: 20_000_000,
  maxInputRows: 10_000,
  maxEvents: 10_000,
};

/**
 * How deep a compiled artifact's JSON may nest (arrays and objects). The
 * deepest a compiler writes is about 2,500: expressions 1,000 deep (TN2047),
 * each a level or two, inside blocks 200 deep. Checked without recursion
 * before anything walks the file (src/runtime/load-terms.ts).
 */
export const MAX_ARTIFACT_DEPTH = 5000;

/** The default limits with the given ones replacing them. */
export function limitsWith(given: Partial<Limits> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...given };
}

/** Whether `text` is longer than `max` bytes in UTF-8, without encoding it (works in Node and browsers alike). */
export function exceedsUtf8Bytes(text: string, max: number): boolean {
  if (text.length > max) return true; // every UTF-16 unit is at least one byte
  if (text.length * 3 <= max) return false; // every UTF-16 unit is at most three bytes
  if (!/[^\x00-\x7f]/.test(text)) return false; // plain ASCII (most sheets): one byte a unit, and the length fits
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: count them on the high half.
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : c >= 0xdc00 && c <= 0xdfff ? 0 : 3;
    if (bytes > max) return true;
  }
  return false;
}

/** `12345678` → `12,345,678`, without locale functions (output must not depend on the machine). */
export function groupDigits(n: number): string {
  return groupDecimalText(String(n));
}
