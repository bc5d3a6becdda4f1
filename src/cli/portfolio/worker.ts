/**
 * The worker of `settleMany` (portfolio.ts), run in a worker thread by
 * piscina: settles a batch of compiled deals, each read from disk — its
 * artifact and its inputs — and, when asked, writes each ledger as the CLI's
 * JSON. Only small summaries travel back to the main thread.
 */
import { createHash } from "node:crypto";
import { MAX_ARTIFACT_BYTES, processIo, tryRead, writeFileSafely } from "../io.ts";
import { DEFAULT_LIMITS } from "../../limits.ts";
import { INPUT } from "../../diagnostics/codes/input.ts";
import { ledgerJsonChunks } from "../../ledger/format-json.ts";
import { loadTerms } from "../../runtime/load-terms.ts";
import { settle } from "../../runtime/settle.ts";
import { TenorError } from "../../runtime/tenor-error.ts";
import { runSimulateTask, type SimulateTask, type SimulateTaskResult } from "./simulate-task.ts";

/** One deal of a portfolio: file paths. */
export interface PortfolioJob {
  /** How results and messages name the deal. */
  readonly name: string;
  /** The artifact of `tenor compile`. */
  readonly terms: string;
  /** The inputs file (docs/language.md §11 "JSON"). */
  readonly inputs: string;
  /** Where to write the ledger (JSON, as `tenor run --format json`), if anywhere. */
  readonly ledger?: string;
}

export interface PortfolioTask {
  readonly jobs: readonly PortfolioJob[];
  /** Ledgers written with each line's trace. */
  readonly trace: boolean;
  /** Return the SHA-256 of each ledger's JSON (for comparing runs). */
  readonly digest: boolean;
}

export interface PortfolioResult {
  readonly name: string;
  readonly ok: boolean;
  /** Periods settled. */
  readonly periods: number;
  /** Ledger lines produced. */
  readonly lines: number;
  /** SHA-256 of the ledger JSON (with trace when `trace`), when asked for. */
  readonly digest?: string;
  /** Why the deal did not settle: the terms were refused, the inputs, or a run-time error. */
  readonly error?: { readonly stage: "terms" | "inputs" | "runtime" | "io"; readonly code: string; readonly message: string };
}

/** A file's text, or an error (a TenorError-like record for the result) when it cannot be read, is too large or is not UTF-8. */
function readOrFail(path: string, maxBytes: number, tooLargeCode: string): string {
  const read = tryRead(processIo, path, maxBytes);
  if ("text" in read) return read.text;
  const code = read.error.includes("larger than") ? tooLargeCode : read.error.includes("UTF-8") ? INPUT.invalidUtf8 : "EIO";
  throw Object.assign(new Error(read.error), { code });
}

function settleJob(job: PortfolioJob, task: PortfolioTask): PortfolioResult {
  let stage: "terms" | "inputs" | "runtime" | "io" = "io";
  try {
    // Read as the CLI reads: at most the limit + 1 byte, strictly UTF-8.
    const artifact = readOrFail(job.terms, MAX_ARTIFACT_BYTES, "EFBIG");
    const inputs = readOrFail(job.inputs, DEFAULT_LIMITS.maxInputBytes, INPUT.inputFileTooLarge);
    stage = "terms";
    const terms = loadTerms(artifact);
    stage = "inputs";
    const ledger = settle(terms, inputs, { trace: task.trace && (job.ledger !== undefined || task.digest) });
    let lines = 0;
    for (const p of ledger.periods) lines += p.lines.length;
    let digest: string | undefined;
    if (job.ledger !== undefined || task.digest) {
      // The JSON a period at a time: hashed as it is written, never one string.
      const hash = task.digest ? createHash("sha256") : null;
      const pieces = function* () {
        for (const piece of ledgerJsonChunks(ledger, { trace: task.trace })) {
          hash?.update(piece, "utf8");
          yield piece;
        }
      };
      stage = "io";
      if (job.ledger !== undefined) writeFileSafely(job.ledger, pieces());
      else for (const _piece of pieces()) { /* hashed only */ }
      if (hash !== null) digest = hash.digest("hex");
    }
    return digest === undefined
      ? { name: job.name, ok: true, periods: ledger.periods.length, lines }
      : { name: job.name, ok: true, periods: ledger.periods.length, lines, digest };
  } catch (e) {
    if (e instanceof TenorError) {
      const s = stage === "inputs" && e.clause !== undefined ? "runtime" : stage;
      return { name: job.name, ok: false, periods: 0, lines: 0, error: { stage: s, code: e.code, message: e.message } };
    }
    const err = e as NodeJS.ErrnoException;
    return { name: job.name, ok: false, periods: 0, lines: 0, error: { stage: "io", code: err.code ?? "EIO", message: err.message } };
  }
}

/** Settles a batch of deals (piscina calls the default export); or runs a batch of `tenor simulate` scenarios. */
export default function settleBatch(task: PortfolioTask | SimulateTask): PortfolioResult[] | SimulateTaskResult {
  if ("simulate" in task) return runSimulateTask(task);
  return task.jobs.map((job) => settleJob(job, task));
}
