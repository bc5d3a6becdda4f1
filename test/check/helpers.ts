/** Shared helpers for the checker tests: parse + check a source and locate diagnostics by line/column. */
import { expect } from "vitest";
import { checkProgram } from "../../src/check/check-program.ts";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { LineMap, type Position } from "../../src/diagnostics/positions.ts";
import { parseSource } from "../../src/syntax/parse.ts";

/** A header most tests share: two parties, a three-year monthly term, USD, gpu_hour and three inputs. */
export const HEADER = `deal "Test deal"
parties {
  nvidia: "NVIDIA Corporation"
  sharon: "Sharon AI"
}
term 2026-07-01 to 2029-06-30, monthly
currency USD
units gpu_hour
input revenue: USD
input sold_hours: gpu_hour
input capacity_hours: gpu_hour
`;

export interface Located {
  readonly code: string;
  readonly severity: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Parses (asserting no parse error) and checks a source. */
export function checkText(text: string) {
  const parsed = parseSource(text);
  expect(parsed.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  const result = checkProgram(parsed.value);
  const lines = new LineMap(text);
  const located = result.diagnostics.map((d: Diagnostic): Located => {
    const p = lines.position(d.range?.start ?? 0);
    return { code: d.code, severity: d.severity, line: p.line, column: p.column, message: d.message };
  });
  return { parsed, result, located, lines };
}

/** The 1-based position of the nth occurrence of `snippet` in `text`, searching from `from`. */
export function positionOf(text: string, snippet: string, nth = 1, from = 0): Position {
  let at = from - 1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(snippet, at + 1);
    if (at < 0) throw new Error(`snippet not found: ${snippet}`);
  }
  return new LineMap(text).position(at);
}

/** `HEADER` plus a body. */
export function sheet(body: string): string {
  return HEADER + body;
}

/**
 * Checks `text` and asserts it gives exactly one diagnostic: `code`, with
 * `severity`, at the nth occurrence of `snippet` in the part after the
 * shared header. Returns the diagnostic for message assertions.
 */
export function expectOne(text: string, code: string, snippet: string, severity: "error" | "warning" = "error", nth = 1): Located {
  const { located, result } = checkText(text);
  expect(located.map((d) => `${d.code} ${d.message}`)).toHaveLength(1);
  const d = located[0]!;
  const from = text.startsWith(HEADER) ? HEADER.length : 0;
  const p = positionOf(text, snippet, nth, from);
  expect({ code: d.code, severity: d.severity, line: d.line, column: d.column }).toEqual({ code, severity, line: p.line, column: p.column });
  expect(result.value === null).toBe(severity === "error");
  return d;
}

/** Asserts a source checks with no diagnostic at all and returns the checked program. */
export function expectClean(text: string) {
  const { result, located } = checkText(text);
  expect(located.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
  expect(result.value).not.toBeNull();
  return result.value!;
}
