/**
 * The reference evaluator on the real deals: every example in examples/
 * over its inputs file, and every shared acceptance deal (read from
 * ../shared/conformance, never copied). On each the interpreter equals the
 * reference; on the acceptance deals the reference also equals the
 * independently computed expected.json.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSource, runSource } from "../../src/api.ts";
import type { SourceOptions } from "../../src/api.ts";
import { nodeHost } from "../../src/modules/node-host.ts";
import { briefFields, compareOutcomes, interpreterOutcome, referenceOutcome } from "./compare.ts";
import { referenceRun, refDataFromJson } from "./reference-run.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const conformance = resolve(root, "../shared/conformance");

const examples = readdirSync(join(root, "examples"))
  .filter((f) => f.endsWith(".tenor") && existsSync(join(root, "examples", f.replace(/\.tenor$/, ".inputs.json"))))
  .map((f) => f.replace(/\.tenor$/, ""))
  .sort();
const deals = existsSync(conformance)
  ? readdirSync(conformance).filter((n) => ["deal.tenor", "inputs.json", "expected.json"].every((f) => existsSync(join(conformance, n, f)))).sort()
  : [];

/** The examples import from stdlib/: a host over the disk serves them, as in the CLI. */
const hostFor = (file: string): SourceOptions => ({ modules: nodeHost(file, (p) => readFileSync(p, "utf8")) });

function bothWays(source: string, inputs: string, options: SourceOptions = {}) {
  const checked = checkSource(source, options);
  expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const reference = referenceRun(checked.value!, refDataFromJson(inputs));
  const interpreter = runSource(source, [{ name: "inputs.json", text: inputs }], options);
  return { reference, interpreter };
}

describe("interpreter = reference on the examples", () => {
  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)("%s settles to the same ledger both ways", (name) => {
    const file = join(root, "examples", `${name}.tenor`);
    const source = readFileSync(file, "utf8");
    const inputs = readFileSync(join(root, "examples", `${name}.inputs.json`), "utf8");
    const { reference, interpreter } = bothWays(source, inputs, hostFor(file));
    expect(reference.ok).toBe(true);
    expect(compareOutcomes(interpreterOutcome(interpreter), referenceOutcome(reference))).toBeNull();
  });
});

describe.runIf(deals.length > 0)("interpreter = reference = expected on the acceptance deals", () => {
  it.each(deals)("%s", (name) => {
    const read = (f: string) => readFileSync(join(conformance, name, f), "utf8");
    const { reference, interpreter } = bothWays(read("deal.tenor"), read("inputs.json"));
    if (!reference.ok) throw new Error(`reference failed: ${reference.code} ${reference.message}`);
    expect(compareOutcomes(interpreterOutcome(interpreter), referenceOutcome(reference))).toBeNull();
    expect(briefFields(reference.ledger)).toEqual(briefFields(JSON.parse(read("expected.json"))));
  });
});
