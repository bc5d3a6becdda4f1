/**
 * `tenor simulate DEAL --scenarios N --seed S [--model FILE] [--format text|json] [--workers N]`:
 * Monte Carlo over input paths (docs/risk.md "tenor simulate"). DEAL is a
 * term sheet (compiled first) or an artifact; the model describes each
 * input's path and each event's rate (without one, every input with both
 * ends of a range declared is drawn uniformly in it). Scenarios run on the
 * portfolio worker pool and settle exactly; the report is the same for any
 * number of workers. A progress bar goes to stderr on a terminal.
 * Exit 0; 1 for errors in the term sheet; 2 for a model error or a
 * scenario that cannot settle; 64 for wrong usage.
 */
import cliProgress from "cli-progress";
import { compileSource } from "../../api.ts";
import { artifactText } from "../../compile/artifact.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { planModel, reportJson, reportTable, summarize, MAX_SCENARIOS, MAX_SEED } from "../../risk/simulate/index.ts";
import { maxWorkers } from "../portfolio/pool.ts";
import { PoolSimulateError, simulateOnPool } from "../portfolio/simulate-pool.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayPath, tryRead, type Io } from "../io.ts";
import { displayText } from "../../text/display.ts";
import { isArtifactText, loadArtifact } from "./artifact-file.ts";
import { cliModules, readTermSheet } from "./source-file.ts";

export const SIMULATE_FORMATS = ["text", "json"] as const;
export type SimulateFormat = (typeof SIMULATE_FORMATS)[number];

export interface SimulateOptions {
  readonly scenarios: string;
  readonly seed: string;
  readonly model?: string;
  readonly format?: SimulateFormat;
  readonly workers?: string;
  /** Scenarios per worker message (tests use it to show batches do not change results). */
  readonly batch?: number;
}

export interface ProgressTarget {
  readonly stream: NodeJS.WritableStream | null;
}

/** A decimal whole number from `min` to `max`, or the usage message. */
function wholeNumber(text: string, name: string, min: number, max: number): number | string {
  const n = /^[0-9]{1,16}$/.test(text) ? Number(text) : NaN;
  if (n >= min && n <= max) return n;
  return `${name} must be a decimal whole number from ${min} to ${max}, not ${displayText(JSON.stringify(text))}`;
}

export async function simulateCommand(
  io: Io,
  deal: string,
  options: SimulateOptions,
  progress: ProgressTarget = { stream: process.stderr.isTTY ? process.stderr : null },
): Promise<ExitCode> {
  const scenarios = wholeNumber(options.scenarios, "--scenarios", 1, MAX_SCENARIOS);
  const seed = wholeNumber(options.seed, "--seed", 0, MAX_SEED);
  const workers = options.workers === undefined ? undefined : wholeNumber(options.workers, "--workers", 1, maxWorkers());
  for (const v of [scenarios, seed, workers]) {
    if (typeof v === "string") {
      io.stderr(`tenor: ${v}\n`);
      return EXIT.usage;
    }
  }
  const source = readTermSheet(io, deal, { artifacts: true });
  if ("exit" in source) return source.exit;
  let artifact: string;
  if (isArtifactText(source.text)) {
    if (loadArtifact(io, deal, source.text) === null) return EXIT.sourceErrors;
    artifact = source.text.replace(/^\uFEFF/, "");
  } else {
    const compiled = compileSource(source.text, { modules: cliModules(io, deal).host });
    const errors = compiled.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0 || compiled.value === null) {
      io.stderr(renderDiagnostics(compiled.diagnostics, displayPath(deal), source.text, compiled.files) + "\n");
      return EXIT.sourceErrors;
    }
    artifact = artifactText(compiled.value);
  }
  const terms = loadArtifact(io, deal, artifact);
  if (terms === null) return EXIT.sourceErrors;

  let model = "{}";
  if (options.model !== undefined) {
    const read = tryRead(io, options.model);
    if ("error" in read) {
      io.stderr(`tenor: ${read.error}\n`);
      return EXIT.usage;
    }
    model = read.text;
  }
  const where = options.model === undefined ? "(no --model)" : displayPath(options.model);
  const plan = planModel(terms.program, model);
  if (plan.value === null) {
    for (const d of plan.diagnostics) io.stderr(`${where}: error: ${displayText(d.message)} [${d.code}]\n`);
    return EXIT.dataErrors;
  }

  const total = scenarios as number;
  const bar = progress.stream === null ? null : new cliProgress.SingleBar({
    stream: progress.stream,
    format: "simulating [{bar}] {value}/{total} scenarios | {percentage}% | {eta_formatted} left",
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  bar?.start(total, 0);
  let run;
  try {
    run = await simulateOnPool(artifact, model, {
      scenarios: total,
      seed: seed as number,
      ...(workers === undefined ? {} : { workers: workers as number }),
      ...(options.batch === undefined ? {} : { batch: options.batch }),
      onProgress: (done) => bar?.update(done),
    });
  } catch (e) {
    bar?.stop();
    if (!(e instanceof PoolSimulateError)) throw e;
    io.stderr(`${displayPath(deal)}: error: ${displayText(e.message)} [${e.code}]\n`);
    return EXIT.dataErrors;
  }
  bar?.stop();
  const report = summarize(terms.program, run.batches, seed as number);
  const format = options.format ?? (io.isTerminal ? "text" : "json");
  io.stdout(format === "json" ? reportJson(report) : reportTable(report));
  return EXIT.ok;
}
