/**
 * A `use` means exactly the clause written out: for random arguments and
 * data, a sheet that uses a stdlib template and the same sheet with the
 * template's clause written by hand give byte-identical ledgers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runSource } from "../../src/api.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { STDLIB } from "../stdlib-options.ts";

const HEADER = `deal "Equivalence"
parties {
  nvidia: "NVIDIA"
  sharon: "Sharon AI"
}
term 2026-07-01 to 2028-06-30, monthly
currency USD
units gpu_hour
input revenue: USD
input sold: gpu_hour
input capacity: gpu_hour
`;

const MONTHS = Array.from({ length: 24 }, (_, i) => `${2026 + Math.floor((6 + i) / 12)}-${String(((6 + i) % 12) + 1).padStart(2, "0")}-01`);

/** A decimal string from 0 to `max` with `places` decimals, built from an integer (no binary floats). */
const decimal = (max: number, places: number) =>
  fc.bigInt({ min: 0n, max: BigInt(max) * 10n ** BigInt(places) }).map((n) => {
    if (places === 0) return n.toString();
    const digits = n.toString().padStart(places + 1, "0");
    return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  });

const rows = fc.integer({ min: 1, max: 24 }).chain((n) =>
  fc.array(fc.record({ revenue: decimal(5_000_000, 2), sold: decimal(1000, 0), capacity: decimal(1000, 0).map((c) => (BigInt(c) + 1n).toString()) }), { minLength: n, maxLength: n }),
);

const args = fc.record({
  price: decimal(5, 2),
  threshold: fc.integer({ min: 1, max: 99 }),
  weak: fc.integer({ min: 1, max: 4 }),
  yearCap: decimal(2000, 0),
  termCap: decimal(5000, 0),
  sunset: fc.constantFrom(...MONTHS),
});

function ledger(source: string, data: readonly { revenue: string; sold: string; capacity: string }[]): string {
  const periods = data.map((r, i) => ({ period: MONTHS[i], ...r }));
  const run = runSource(source, [{ name: "inputs.json", text: JSON.stringify({ periods }) }], STDLIB);
  expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return ledgerToJson(run.ledger!, { trace: false });
}

describe("a use of a stdlib template", () => {
  it("settles like utilization_buyback's clause written out", () => {
    fc.assert(
      fc.property(args, rows, (a, data) => {
        const used = `import utilization_buyback from "stdlib/buyback"
${HEADER}
use utilization_buyback as buyback {
  buyer = nvidia
  seller = sharon
  q = gpu_hour
  sold = sold
  capacity = capacity
  price = ${a.price} USD per gpu_hour
  threshold = ${a.threshold}%
  weak_periods = ${a.weak}
  year_cap = ${a.yearCap} USD
  term_cap = ${a.termCap} USD
  sunset = ${a.sunset}
}
`;
        const written = `${HEADER}
clause buyback "Capacity buyback" {
  let utilization = sold / capacity
  let unsold = max(capacity - sold, 0 gpu_hour)
  when utilization < ${a.threshold}% for ${a.weak} consecutive periods {
    nvidia pays sharon unsold * ${a.price} USD per gpu_hour
  }
  cap ${a.yearCap} USD per contract_year
  cap ${a.termCap} USD over term
  until ${a.sunset}
}
`;
        expect(ledger(used, data)).toBe(ledger(written, data));
      }),
      { numRuns: 60 },
    );
  });

  it("settles like step_taper's clause written out", () => {
    const rates = fc.record({ first: fc.integer({ min: 0, max: 30 }), step: fc.integer({ min: 0, max: 10 }), floor: fc.integer({ min: 0, max: 10 }) });
    fc.assert(
      fc.property(rates, rows, (r, data) => {
        const used = `import step_taper from "stdlib/revenue-share"
${HEADER}
use step_taper as share "Revenue share" { payer = sharon, payee = nvidia, base = revenue, first_rate = ${r.first}%, step = ${r.step}%, floor_rate = ${r.floor}% }
`;
        const written = `${HEADER}
clause share "Revenue share" {
  sharon pays nvidia revenue * max(${r.first}% - ${r.step}% * (contract_year - 1), ${r.floor}%)
}
`;
        expect(ledger(used, data)).toBe(ledger(written, data));
      }),
      { numRuns: 40 },
    );
  });
});
