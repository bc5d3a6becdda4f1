/**
 * settle-many's worker pool, started and stopped over and over: no run may
 * abort the process. Node 20 aborted (exit 134, `ModuleWrap::
 * CreateRequiredModuleFacade` or `InstantiateSync`) when a worker thread was
 * terminated while piscina's `require()` loaded an ES-module worker bundle
 * (require(esm)); the worker is now a CommonJS bundle (src/cli/portfolio/pool.ts).
 *
 * Each run, in a child process (an abort must not take vitest down):
 * settles a portfolio of as many deals as threads, every thread busy, with
 * ledgers written; then starts a pool of the same size and destroys it at a
 * random moment of its start-up, the moment the abort needed.
 *
 * 30 runs here; `npm run stress:settle-many` runs 200 (TENOR_SETTLE_MANY_RUNS).
 * TENOR_SETTLE_MANY_WORKER runs another worker bundle (to show an ES-module
 * one still aborts).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Io } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { defaultWorkerFile, maxWorkers } from "../../src/cli/portfolio/pool.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const EXAMPLES = ["sharon-dsx", "coreweave-backstop", "firmus-campus"];
const RUNS = Number(process.env["TENOR_SETTLE_MANY_RUNS"] ?? 30);
/** The CLI's most (4 a core), but no more than 32: the abort needs threads starting, not hundreds of them. */
const THREADS = Math.min(maxWorkers(), 32);

function quietIo(): Io {
  return {
    stdout: () => {},
    stderr: () => {},
    isTerminal: false,
    readFile: (p) => readFileSync(p, "utf8"),
    writeFile: (p, t) => writeFileSync(p, t, "utf8"),
  };
}

/** The child: RUNS runs of a full settle on THREADS threads, then a pool destroyed mid-start-up. */
const CHILD = `
import { createPool, settleMany } from ${JSON.stringify(pathToFileURL(join(root, "src", "cli", "portfolio", "pool.ts")).href)};
const { runs, threads, jobs, workerFile } = JSON.parse(process.env.TENOR_STRESS);
const t0 = performance.now();
for (let i = 0; i < runs; i++) {
  const run = await settleMany(jobs, { workers: threads, batch: 1, trace: true, workerFile });
  const bad = run.results.filter((r) => !r.ok);
  if (bad.length > 0 || run.workers !== threads) throw new Error("run " + (i + 1) + ": " + JSON.stringify(bad[0] ?? run.workers));
  // A pool of the same size, destroyed within the time the last one took to start and settle.
  const pool = createPool(threads, workerFile);
  await new Promise((r) => setTimeout(r, Math.random() * run.seconds * 1000));
  await pool.destroy();
  process.stdout.write("run " + (i + 1) + " ok\\n");
}
process.stdout.write("seconds " + ((performance.now() - t0) / 1000).toFixed(1) + "\\n");
`;

let dir = "";

beforeAll(async () => {
  const { buildWorker } = (await import(join(root, "scripts", "build-cli.mjs"))) as { buildWorker: () => Promise<void> };
  await buildWorker();
  dir = mkdtempSync(join(tmpdir(), "tenor-many-stress-"));
  for (const name of EXAMPLES) {
    expect(await main(["compile", join(root, "examples", `${name}.tenor`), "-o", join(dir, `${name}.json`)], quietIo())).toBe(0);
    writeFileSync(join(dir, `${name}.inputs.json`), readFileSync(join(root, "examples", `${name}.inputs.json`), "utf8"));
  }
  mkdirSync(join(dir, "out"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`settle-many's pool, ${RUNS} runs on ${THREADS} threads (${availableParallelism()} cores)`, () => {
  it("never aborts: every run settles every deal, and a pool destroyed while its threads start is only stopped", async () => {
    const jobs = Array.from({ length: THREADS }, (_, i) => {
      const name = EXAMPLES[i % EXAMPLES.length]!;
      return { name: `${name}-${i}`, terms: join(dir, `${name}.json`), inputs: join(dir, `${name}.inputs.json`), ledger: join(dir, "out", `${name}-${i}.ledger.json`) };
    });
    const workerFile = process.env["TENOR_SETTLE_MANY_WORKER"] ?? defaultWorkerFile();
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", CHILD], {
      cwd: root,
      env: { ...process.env, TENOR_STRESS: JSON.stringify({ runs: RUNS, threads: THREADS, jobs, workerFile }) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on("close", (c, s) => done([c, s])));
    const runs = out.split("\n").filter((l) => /^run \d+ ok$/.test(l)).length;
    // On an abort: how far it got and Node's native message, so the failure says what happened.
    expect({ code, signal, runs, fatal: err.split("\n").filter((l) => /FATAL|Assertion|Error/.test(l)).slice(0, 3) }).toEqual({ code: 0, signal: null, runs: RUNS, fatal: [] });
    expect(out).toMatch(/seconds \d+\.\d\n$/);
  }, Math.max(120_000, RUNS * 5_000));
});
