/**
 * The portfolio of `npm run bench`: 10,000 compiled deals, each with 120
 * monthly periods of inputs, as files in a directory `tenor settle-many`
 * reads. The deals are the bench deal (hand-written.ts) with different
 * numbers — share rates, buyback price and floor, caps, guarantee, sunset —
 * each compiled by the real compiler; inputs come from a seeded generator.
 * Building it takes a while, so it is kept in the OS temp directory and
 * reused while this file and the compiler's version are unchanged.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileSource } from "../src/api.ts";
import { artifactText } from "../src/compile/artifact.ts";
import type { PortfolioJob } from "../src/cli/portfolio/pool.ts";
import { BENCH_DEAL, PERIODS } from "./hand-written.ts";

/** A small deterministic generator (numbers for test data only, never money arithmetic). */
class Seeded {
  constructor(private state: number) {}
  next(): number {
    this.state = (Math.imul(this.state, 1103515245) + 12345) >>> 0;
    return this.state;
  }
  int(lo: number, hi: number): number {
    return lo + (this.next() % (hi - lo + 1));
  }
}

/** The bench deal with this deal's numbers. */
export function dealSource(i: number): string {
  const r = new Seeded(i * 7919 + 1);
  const rates = [r.int(130, 170), r.int(110, 129), r.int(90, 109), r.int(60, 89)].map((x) => `${x / 10}%`);
  return BENCH_DEAL
    .replace('deal "Bench - AI factory"', `deal "Bench deal ${i}"`)
    .replace("year 1: 15%", `year 1: ${rates[0]}`)
    .replace("year 2: 12.5%", `year 2: ${rates[1]}`)
    .replace("year 3: 10%", `year 3: ${rates[2]}`)
    .replace("year 4 onward: 7.5%", `year 4 onward: ${rates[3]}`)
    .replace("1.85 USD per gpu_hour", `${r.int(150, 250) / 100} USD per gpu_hour`)
    .replace("250 million USD", `${r.int(50, 400)} million USD`)
    .replace("utilization < 70%", `utilization < ${r.int(60, 80)}%`)
    .replace("cap 40 million USD over term", `cap ${r.int(10, 60)} million USD over term`)
    .replace("until 2031-12-31", `until ${r.int(2029, 2034)}-12-31`);
}

/** The inputs of deal i: 120 rows, utilization between 45% and 95%. */
export function dealInputs(i: number): string {
  const r = new Seeded(i * 104729 + 17);
  const rows = PERIODS.map((p) => {
    const capacity = r.int(20_000_000, 30_000_000);
    const sold = Math.floor((capacity * r.int(45, 95)) / 100);
    return `{"period":"${p.start}","revenue":"${r.int(5_000_000, 15_000_000)}.${String(r.int(0, 99)).padStart(2, "0")}","sold_hours":"${sold}","capacity_hours":"${capacity}"}`;
  });
  return `{"periods":[${rows.join(",")}],"events":[]}\n`;
}

/** The portfolio's jobs, building the files first if needed. Returns how long building took (0 when reused). */
export function portfolio(count: number): { jobs: PortfolioJob[]; dir: string; builtSeconds: number } {
  // Deal 0's artifact stands for the compiler's output: any change to it (format, IR) rebuilds the portfolio.
  const sample = compileSource(dealSource(0)).value;
  if (sample === null) throw new Error("bench deal 0 does not compile");
  const key = readFileSync(new URL(import.meta.url), "utf8") + artifactText(sample) + count;
  const version = createHash("sha256").update(key).digest("hex").slice(0, 12);
  const dir = join(tmpdir(), `tenor-bench-portfolio-${version}`);
  const jobs = Array.from({ length: count }, (_, i) => ({
    name: `deal-${i}`,
    terms: join(dir, `deal-${i}.json`),
    inputs: join(dir, `deal-${i}.inputs.json`),
  }));
  if (existsSync(join(dir, "complete"))) return { jobs, dir, builtSeconds: 0 };
  const t0 = performance.now();
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  for (let i = 0; i < count; i++) {
    const compiled = compileSource(dealSource(i));
    if (compiled.value === null) throw new Error(`bench deal ${i} does not compile: ${compiled.diagnostics.map((d) => d.message).join("; ")}`);
    writeFileSync(join(building, `deal-${i}.json`), artifactText(compiled.value));
    writeFileSync(join(building, `deal-${i}.inputs.json`), dealInputs(i));
  }
  writeFileSync(join(building, "complete"), "");
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return { jobs, dir, builtSeconds: (performance.now() - t0) / 1000 };
}
