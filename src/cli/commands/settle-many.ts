/**
 * `tenor settle-many DIR|MANIFEST [--workers N] [--out DIR] [--no-trace]`:
 * settles many compiled deals on worker threads (src/cli/portfolio/pool.ts),
 * with a progress bar when stderr is a terminal.
 *
 * The deals: in a directory, every `NAME.inputs.json` with its artifact
 * `NAME.json`; or a manifest, a JSON array of
 * `{ "terms": PATH, "inputs": PATH, "name"?: TEXT }` (paths relative to the
 * manifest). With `--out`, each ledger is written to `OUT/NAME.ledger.json`
 * (as `tenor run --format json`). Exit 0 when every deal settled; 1 when an
 * artifact was refused; 2 when inputs or a run failed.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import cliProgress from "cli-progress";
import { settleMany } from "../portfolio/pool.ts";
import type { PortfolioJob } from "../portfolio/pool.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { tryRead, type Io } from "../io.ts";

export interface SettleManyOptions {
  readonly workers?: string;
  readonly out?: string;
  readonly trace: boolean;
}

/** What the command may show besides Io: a progress bar goes to a terminal stderr only. */
export interface ProgressTarget {
  readonly stream: NodeJS.WritableStream | null;
}

const INPUTS_SUFFIX = ".inputs.json";

function jobsOf(io: Io, target: string): PortfolioJob[] | { error: string } {
  let isDir = false;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    return { error: `${target}: no such file or directory` };
  }
  if (isDir) {
    const names = readdirSync(target).filter((f) => f.endsWith(INPUTS_SUFFIX)).sort();
    const jobs: PortfolioJob[] = [];
    for (const f of names) {
      const name = f.slice(0, -INPUTS_SUFFIX.length);
      const terms = join(target, `${name}.json`);
      if (existsSync(terms)) jobs.push({ name, terms, inputs: join(target, f) });
    }
    return jobs;
  }
  const read = tryRead(io, target);
  if ("error" in read) return { error: read.error };
  let doc: unknown;
  try {
    doc = JSON.parse(read.text);
  } catch {
    return { error: `${target}: not a directory or a JSON manifest` };
  }
  if (!Array.isArray(doc)) return { error: `${target}: a manifest is a JSON array of { "terms", "inputs", "name"? }` };
  const base = dirname(resolve(target));
  const jobs: PortfolioJob[] = [];
  for (const [i, entry] of doc.entries()) {
    const e = entry as { terms?: unknown; inputs?: unknown; name?: unknown };
    if (typeof e?.terms !== "string" || typeof e.inputs !== "string") {
      return { error: `${target}: entry ${i + 1} needs "terms" and "inputs" paths` };
    }
    const name = typeof e.name === "string" ? e.name : basename(e.terms).replace(/\.json$/, "");
    jobs.push({ name, terms: resolve(base, e.terms), inputs: resolve(base, e.inputs) });
  }
  return jobs;
}

export async function settleManyCommand(
  io: Io,
  target: string,
  options: SettleManyOptions,
  progress: ProgressTarget = { stream: process.stderr.isTTY ? process.stderr : null },
): Promise<ExitCode> {
  const workers = options.workers === undefined ? undefined : Number(options.workers);
  if (workers !== undefined && (!Number.isSafeInteger(workers) || workers < 1)) {
    io.stderr(`tenor: --workers must be a whole number from 1 up, not ${options.workers}\n`);
    return EXIT.usage;
  }
  const found = jobsOf(io, target);
  if ("error" in found) {
    io.stderr(`tenor: ${found.error}\n`);
    return EXIT.usage;
  }
  if (options.out !== undefined && !(existsSync(options.out) && statSync(options.out).isDirectory())) {
    io.stderr(`tenor: --out ${options.out}: no such directory\n`);
    return EXIT.usage;
  }
  const out = options.out;
  const jobs = out === undefined ? found : found.map((j) => ({ ...j, ledger: join(out, `${j.name}.ledger.json`) }));

  const bar = progress.stream === null ? null : new cliProgress.SingleBar({
    stream: progress.stream,
    format: "settling [{bar}] {value}/{total} deals | {percentage}% | {eta_formatted} left",
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  bar?.start(jobs.length, 0);
  const run = await settleMany(jobs, {
    ...(workers === undefined ? {} : { workers }),
    trace: options.trace,
    onProgress: (done) => bar?.update(done),
  });
  bar?.stop();

  let exit: ExitCode = EXIT.ok;
  let periods = 0;
  let failed = 0;
  for (const r of run.results) {
    periods += r.periods;
    if (r.error === undefined) continue;
    failed++;
    io.stderr(`${r.name}: error: ${r.error.message} [${r.error.code}]\n`);
    if (r.error.stage === "terms") exit = EXIT.sourceErrors;
    else if (exit === EXIT.ok) exit = EXIT.dataErrors;
  }
  const rate = run.seconds > 0 ? Math.round(jobs.length / run.seconds) : jobs.length;
  io.stdout(
    `settled ${jobs.length - failed} of ${jobs.length} deals (${periods} periods) in ${run.seconds.toFixed(2)} s ` +
    `with ${run.workers} worker${run.workers === 1 ? "" : "s"}: ${rate} deals/s\n`,
  );
  return exit;
}
