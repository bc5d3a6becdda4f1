/**
 * `tenor settle-many DIR|MANIFEST [--workers N] [--out DIR] [--no-trace]`:
 * settles many compiled deals on worker threads (src/cli/portfolio/pool.ts),
 * with a progress bar when stderr is a terminal.
 *
 * The deals: in a directory, every `NAME.inputs.json` with its artifact
 * `NAME.json` (a file of either kind without the other is a warning, and
 * counted in the summary); or a manifest, a JSON array of
 * `{ "terms": PATH, "inputs": PATH, "name"?: TEXT }` (paths relative to the
 * manifest). With `--out`, each ledger is written to `OUT/NAME.ledger.json`
 * (as `tenor run --format json`). Before anything runs, every name must be
 * one file name (so a ledger stays inside OUT), no two alike, and no ledger
 * may overwrite a deal's artifact or inputs; `--workers` is a decimal number
 * from 1 to 4 a core. Exit 0 when every deal settled; 1 when an artifact was
 * refused; 2 when inputs or a run failed; 64 for wrong usage
 * (docs/language.md §14 "settle-many").
 */
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join, posix, resolve, win32 } from "node:path";
import cliProgress from "cli-progress";
import { maxWorkers, settleMany } from "../portfolio/pool.ts";
import type { PortfolioJob } from "../portfolio/pool.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayPath, tryRead, type Io } from "../io.ts";
import { displayText } from "../../text/display.ts";

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
const ARTIFACT_SUFFIX = ".json";
const LEDGER_SUFFIX = ".ledger.json";
/** The longest name whose `NAME.ledger.json` fits a file name (255 bytes on common file systems). */
const MAX_NAME_BYTES = 255 - LEDGER_SUFFIX.length;

/** A deal found, with where it came from, for messages. */
interface Found {
  readonly job: PortfolioJob;
  /** `deals/x.inputs.json`, or `m.json: entry 2 (a/deal.json)`. */
  readonly origin: string;
}

interface Discovery {
  readonly deals: Found[];
  /** One warning line per file that was not settled (directory mode). */
  readonly unmatched: string[];
}

/** Why `name` cannot name a ledger file inside --out, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return "it is empty";
  if (name.includes("\0")) return "it contains NUL";
  if (/[\u0001-\u001f\u007f]/.test(name)) return "it contains a control character";
  if (posix.isAbsolute(name) || win32.isAbsolute(name)) return "it is an absolute path";
  if (name.split(/[/\\]/).includes("..")) return 'it climbs out with ".."';
  if (name.includes("/") || name.includes("\\")) return 'it contains a path separator ("/" or "\\")';
  if (name === ".") return 'it is "."';
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes > MAX_NAME_BYTES) return `it is ${bytes} bytes long, more than the ${MAX_NAME_BYTES} a ledger's file name leaves`;
  return undefined;
}

/** Names that would be one file on a case-insensitive or normalizing file system (macOS, Windows) count as alike. */
const nameKey = (name: string): string => name.normalize("NFC").toLowerCase();

const quoted = (name: string): string => displayText(JSON.stringify(name));

function fromDirectory(target: string): Discovery {
  const files = readdirSync(target, { withFileTypes: true })
    .filter((d) => !d.isDirectory())
    .map((d) => d.name)
    .sort();
  const present = new Set(files);
  const deals: Found[] = [];
  const unmatched: string[] = [];
  for (const f of files) {
    if (f.endsWith(INPUTS_SUFFIX)) {
      const name = f.slice(0, -INPUTS_SUFFIX.length);
      const artifact = `${name}${ARTIFACT_SUFFIX}`;
      if (present.has(artifact)) {
        deals.push({ job: { name, terms: join(target, artifact), inputs: join(target, f) }, origin: displayPath(join(target, f)) });
      } else {
        unmatched.push(`${displayPath(join(target, f))}: warning: no artifact ${displayText(artifact)} beside it; not settled`);
      }
    } else if (f.endsWith(ARTIFACT_SUFFIX) && !f.endsWith(LEDGER_SUFFIX)) {
      const inputs = `${f.slice(0, -ARTIFACT_SUFFIX.length)}${INPUTS_SUFFIX}`;
      if (!present.has(inputs)) unmatched.push(`${displayPath(join(target, f))}: warning: no inputs ${displayText(inputs)} beside it; not settled`);
    }
  }
  return { deals, unmatched };
}

function fromManifest(io: Io, target: string): Discovery | { error: string } {
  const read = tryRead(io, target);
  if ("error" in read) return { error: read.error };
  const where = displayPath(target);
  let doc: unknown;
  try {
    doc = JSON.parse(read.text);
  } catch {
    return { error: `${where}: not a directory or a JSON manifest` };
  }
  if (!Array.isArray(doc)) return { error: `${where}: a manifest is a JSON array of { "terms", "inputs", "name"? }` };
  const base = dirname(resolve(target));
  const deals: Found[] = [];
  for (const [i, entry] of doc.entries()) {
    const e = entry as { terms?: unknown; inputs?: unknown; name?: unknown };
    if (typeof e?.terms !== "string" || typeof e.inputs !== "string") {
      return { error: `${where}: entry ${i + 1} needs "terms" and "inputs" paths` };
    }
    if (e.name !== undefined && typeof e.name !== "string") return { error: `${where}: entry ${i + 1}: "name" must be a string` };
    const name = typeof e.name === "string" ? e.name : basename(e.terms).replace(/\.json$/, "");
    deals.push({
      job: { name, terms: resolve(base, e.terms), inputs: resolve(base, e.inputs) },
      origin: `${where}: entry ${i + 1} (${displayText(e.terms)})`,
    });
  }
  return { deals, unmatched: [] };
}

function discover(io: Io, target: string): Discovery | { error: string } {
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    return { error: `${displayPath(target)}: no such file or directory` };
  }
  return isDir ? fromDirectory(target) : fromManifest(io, target);
}

/** Every name a file name, no two alike: one line per problem, before anything runs. */
function nameErrors(deals: readonly Found[]): string[] {
  const errors: string[] = [];
  const seen = new Map<string, Found>();
  for (const d of deals) {
    const problem = nameProblem(d.job.name);
    if (problem !== undefined) {
      errors.push(`${d.origin}: the name ${quoted(d.job.name)} cannot name a ledger: ${problem}; a name is one file name, written inside --out as NAME${LEDGER_SUFFIX}`);
      continue;
    }
    const key = nameKey(d.job.name);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, d);
      continue;
    }
    const alike = first.job.name === d.job.name ? `both named ${quoted(d.job.name)}` : `named ${quoted(first.job.name)} and ${quoted(d.job.name)}, one file name on macOS and Windows`;
    errors.push(`two deals ${alike}: ${first.origin} and ${d.origin}; their ledgers would overwrite each other: give each a unique "name"`);
  }
  return errors;
}

/** A ledger that already exists and is one of the deals' artifacts or inputs (same device and inode: links too). */
function overwriteErrors(deals: readonly Found[], ledgers: readonly string[]): string[] {
  const existing: { index: number; id: string }[] = [];
  ledgers.forEach((ledger, index) => {
    try {
      const s = statSync(ledger);
      existing.push({ index, id: `${s.dev}:${s.ino}` });
    } catch {
      // not there yet: it overwrites nothing
    }
  });
  if (existing.length === 0) return [];
  const inputs = new Map<string, string>();
  for (const d of deals) {
    for (const [path, what] of [[d.job.terms, "artifact"], [d.job.inputs, "inputs"]] as const) {
      try {
        const s = statSync(path);
        if (s.ino !== 0) inputs.set(`${s.dev}:${s.ino}`, `the ${what} of ${quoted(d.job.name)} (${d.origin})`);
      } catch {
        // unreadable: the deal's own error says so
      }
    }
  }
  const errors: string[] = [];
  for (const { index, id } of existing) {
    const victim = inputs.get(id);
    if (victim !== undefined) errors.push(`the ledger of ${quoted(deals[index]!.job.name)}, ${displayPath(ledgers[index]!)}, would overwrite ${victim}`);
  }
  return errors;
}

/** `--workers`: a decimal number from 1 to 4 a core; otherwise the message. */
function parseWorkers(text: string | undefined): number | undefined | { error: string } {
  if (text === undefined) return undefined;
  const max = maxWorkers();
  const n = /^[0-9]{1,16}$/.test(text) ? Number(text) : NaN;
  if (n >= 1 && n <= max) return n;
  const cores = availableParallelism();
  return { error: `--workers must be a decimal whole number from 1 to ${max} (4 a core, ${cores} core${cores === 1 ? "" : "s"}), not ${quoted(text)}` };
}

export async function settleManyCommand(
  io: Io,
  target: string,
  options: SettleManyOptions,
  progress: ProgressTarget = { stream: process.stderr.isTTY ? process.stderr : null },
): Promise<ExitCode> {
  const workers = parseWorkers(options.workers);
  if (typeof workers === "object") {
    io.stderr(`tenor: ${workers.error}\n`);
    return EXIT.usage;
  }
  const found = discover(io, target);
  if ("error" in found) {
    io.stderr(`tenor: ${found.error}\n`);
    return EXIT.usage;
  }
  for (const line of found.unmatched) io.stderr(`${line}\n`);
  const out = options.out;
  let isDir = false;
  try {
    isDir = out !== undefined && statSync(out).isDirectory();
  } catch {
    // not there
  }
  if (out !== undefined && !isDir) {
    io.stderr(`tenor: --out ${displayPath(out)}: no such directory\n`);
    return EXIT.usage;
  }
  const problems = nameErrors(found.deals);
  const ledgers = out === undefined ? [] : found.deals.map((d) => join(out, `${d.job.name}${LEDGER_SUFFIX}`));
  if (problems.length === 0 && out !== undefined) {
    // The name rules keep every ledger a file directly inside --out; checked again on the path itself.
    const inside = resolve(out);
    ledgers.forEach((ledger, i) => {
      if (dirname(resolve(ledger)) !== inside) problems.push(`${found.deals[i]!.origin}: the ledger ${displayPath(ledger)} would be outside --out`);
    });
    problems.push(...overwriteErrors(found.deals, ledgers));
  }
  if (problems.length > 0) {
    for (const p of problems) io.stderr(`tenor: ${p}\n`);
    io.stderr(`tenor: nothing settled (${problems.length} problem${problems.length === 1 ? "" : "s"} with the deals' names or ledgers)\n`);
    return EXIT.usage;
  }
  const jobs: PortfolioJob[] = found.deals.map((d, i) => (out === undefined ? d.job : { ...d.job, ledger: ledgers[i]! }));

  const bar = progress.stream === null || jobs.length === 0 ? null : new cliProgress.SingleBar({
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
    io.stderr(`${displayText(r.name)}: error: ${r.error.message} [${r.error.code}]\n`);
    if (r.error.stage === "terms") exit = EXIT.sourceErrors;
    else if (exit === EXIT.ok) exit = EXIT.dataErrors;
  }
  const rate = run.seconds > 0 ? Math.round(jobs.length / run.seconds) : jobs.length;
  const skipped = found.unmatched.length;
  io.stdout(
    `settled ${jobs.length - failed} of ${jobs.length} deals (${periods} periods) in ${run.seconds.toFixed(2)} s ` +
    `with ${run.workers} worker${run.workers === 1 ? "" : "s"}: ${rate} deals/s` +
    `${skipped === 0 ? "" : `; ${skipped} unmatched file${skipped === 1 ? "" : "s"} not settled`}\n`,
  );
  return exit;
}
