import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { periodsOf } from "../../src/eval/periods.ts";
import { loadInputsJson } from "../../src/inputs/load-json.ts";
import { checkedOf, evaluate } from "./helpers.ts";

// The shared acceptance cases live beside the project; they are read, never copied.
const projectRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const dir = resolve(projectRoot, "../shared/conformance");
const cases = existsSync(dir)
  ? readdirSync(dir).filter((n) => existsSync(join(dir, n, "deal.tenor")) && existsSync(join(dir, n, "expected.json"))).sort()
  : [];

const LINE_KEYS = ["clause", "title", "payer", "payee", "computed", "amount", "capped"] as const;
const pick = <T extends object>(o: T, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));

describe.runIf(cases.length > 0)("conformance ledgers", () => {
  it.each(cases)("%s: the ledger equals expected.json field by field", (name) => {
    const source = readFileSync(join(dir, name, "deal.tenor"), "utf8");
    const checked = checkedOf(source);
    const inputs = loadInputsJson(readFileSync(join(dir, name, "inputs.json"), "utf8"), checked.header, periodsOf(checked.header.term));
    expect(inputs.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const run = evaluate(checked, inputs.value!);
    expect(run.diagnostics).toEqual([]);
    const actual = run.value!;
    const expected = JSON.parse(readFileSync(join(dir, name, "expected.json"), "utf8"));
    expect(actual.deal).toBe(expected.deal);
    expect(actual.currency).toBe(expected.currency);
    expect(actual.periods).toHaveLength(expected.periods.length);
    for (let i = 0; i < expected.periods.length; i++) {
      const e = expected.periods[i];
      const a = actual.periods[i]!;
      expect(pick(a, ["index", "start", "end", "contract_year", "days"])).toEqual(
        pick(e, ["index", "start", "end", "contract_year", "days"]));
      expect(a.lines.map((l) => pick(l, LINE_KEYS)), `period ${e.index} lines`).toEqual(e.lines);
      expect(a.grants, `period ${e.index} grants`).toEqual(e.grants);
      expect(a.net, `period ${e.index} net`).toEqual(e.net);
    }
    expect(actual.totals).toEqual(expected.totals);
  });
});
