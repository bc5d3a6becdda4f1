/** After parse errors the checker reports nothing about the parts the parser already reported. */
import { describe, expect, it } from "vitest";
import { checkProgram } from "../../src/check/check-program.ts";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { HEADER } from "./helpers.ts";

function checkAfterParse(text: string) {
  const parsed = parseSource(text);
  expect(parsed.diagnostics.length).toBeGreaterThan(0);
  return checkProgram(parsed.value, { afterParseErrors: true }).diagnostics;
}

describe("checking after parse errors", () => {
  it("stays quiet about an input whose unit did not parse", () => {
    expect(checkAfterParse(`${HEADER}input fee: \nclause c {\n  sharon pays nvidia fee\n}\n`)).toEqual([]);
  });

  it("does not report coverage or unused lets in declarations built around errors", () => {
    const text = `${HEADER}schedule s by contract_year {\n  year 1: \n}\nclause c {\n  let x = revenue\n  sharon pays nvidia revenue * * s\n}\n`;
    expect(checkAfterParse(text)).toEqual([]);
  });

  it("does not report a missing header declaration that may be the one that failed to parse", () => {
    const text = HEADER.replace("term 2026-07-01 to 2029-06-30, monthly", "term 2026-07-01 to , monthly");
    const parsed = parseSource(text);
    expect(checkAfterParse(text)).toEqual([]);
    expect(checkProgram(parsed.value).diagnostics.map((d) => d.code)).toEqual([CHECK.missingTerm]);
  });
});
