import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo } from "./fake-io.ts";

const DEAL = `deal "Ranges"
parties {
  vendor: "GPU vendor"
  operator: "AI cloud operator"
}
term 2026-07-01 to 2026-12-31, monthly
currency USD
units gpu_hour
input capacity_hours: gpu_hour in 0 gpu_hour ..
input sold_hours: gpu_hour in 0 gpu_hour .. capacity_hours
event outage() at most 1 per term
clause share { operator pays vendor sold_hours * 1 USD per gpu_hour }
`;

const rows = (sold: string) => [
  { period: "2026-07-01", capacity_hours: "100", sold_hours: "100" },
  { period: "2026-08-01", capacity_hours: "100", sold_hours: sold },
];

function setup() {
  const files: Record<string, string> = {
    "deal.tenor": DEAL,
    "inside.json": JSON.stringify({ periods: rows("100") }),
    "outside.json": JSON.stringify({ periods: rows("100.5") }),
    "events.json": JSON.stringify({ periods: rows("1"), events: [{ date: "2026-07-02", event: "outage" }, { date: "2026-08-03", event: "outage" }] }),
  };
  const run = async (...argv: string[]) => {
    const io = fakeIo(files);
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };
  return { run };
}

describe("tenor run with declared ranges", () => {
  it("settles data inside the ranges, from the source and from the compiled artifact", async () => {
    const { run } = setup();
    const source = await run("run", "deal.tenor", "--inputs", "inside.json", "--format", "json");
    expect(source.code).toBe(0);
    expect(JSON.parse(source.out).totals).toEqual([{ payer: "operator", payee: "vendor", amount: "200.00" }]);
    expect((await run("compile", "deal.tenor", "-o", "deal.json")).code).toBe(0);
    const compiled = await run("run", "deal.json", "--inputs", "inside.json", "--format", "json");
    expect([compiled.code, compiled.out]).toEqual([0, source.out]);
  });

  it("exits 2 with the period and the field for a value outside its range, from the source and the artifact", async () => {
    const { run } = setup();
    const message = 'outside.json: error: period 2026-08-01: input "sold_hours" is 100.5 gpu_hour, above its upper bound capacity_hours = 100 gpu_hour [TN3129]\n';
    const source = await run("run", "deal.tenor", "--inputs", "outside.json");
    expect([source.code, source.out, source.err]).toEqual([2, "", message]);
    await run("compile", "deal.tenor", "-o", "deal.json");
    const compiled = await run("run", "deal.json", "--inputs", "outside.json");
    expect([compiled.code, compiled.out, compiled.err]).toEqual([2, "", message]);
  });

  it("exits 2 naming the period and the event past its count", async () => {
    const { run } = setup();
    const r = await run("run", "deal.tenor", "--inputs", "events.json");
    expect([r.code, r.err]).toEqual([
      2,
      'events.json: error: period 2026-08-01: event "outage" on 2026-08-03 is the 2nd in the term, but the term sheet allows at most 1 per term [TN3130]\n',
    ]);
  });

  it("tenor inspect shows the ranges and counts an artifact carries, and its format version 4", async () => {
    const { run } = setup();
    await run("compile", "deal.tenor", "-o", "deal.json");
    const r = await run("inspect", "deal.json");
    expect(r.code).toBe(0);
    expect(r.out).toContain([
      "  inputs         capacity_hours: gpu_hour in 0 gpu_hour ..",
      "                 sold_hours: gpu_hour in 0 gpu_hour .. capacity_hours",
      "  events         outage() at most 1 per term",
    ].join("\n"));
    expect(r.out).toContain("  format         tenor-terms version 4\n");
  });
});
