// Bundles the `tenor` command into dist/tenor.mjs with esbuild.
// Why: loading chevrotain's hundreds of ES modules (through tsx) costs
// seconds per invocation; one bundled file starts in a fraction of that.
// Run by `npm install` (prepare) and, when sources changed, by bin/tenor.mjs.
import { build } from "esbuild";
import { NODE_BUNDLE } from "./node-bundle.mjs";
import { randomBytes } from "node:crypto";
import { renameSync, rmSync, utimesSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const BUNDLE = join(root, "dist", "tenor.mjs");
/**
 * The worker of `tenor settle-many` (src/cli/portfolio/worker.ts), found beside the CLI bundle.
 * CommonJS, not an ES module: piscina loads it with require(), and on Node 20 a thread terminated
 * while require() loads an ES module aborts the process (src/cli/portfolio/pool.ts).
 */
export const WORKER = join(root, "dist", "portfolio-worker.cjs");
/** The language server of `tenor lsp` (src/lsp/server.ts), beside the CLI bundle: only that command loads it. */
export const LSP = join(root, "dist", "tenor-lsp.mjs");

/** CommonJS packages load fine from node_modules; chevrotain (hundreds of ES modules) is the one worth bundling. */
const FROM_NODE_MODULES = ["commander", "csv-parse", "csv-parse/*", "piscina", "cli-progress"];

export async function buildCli() {
  await buildWorker();
  await buildLsp();
  // The CLI last: a command that loads the new CLI bundle finds the new worker and server beside it.
  await buildInPlace(BUNDLE, {
    entryPoints: [join(root, "src", "cli", "main.ts")],
    ...NODE_BUNDLE,
    // The service's packages too: PGlite finds its WebAssembly beside its own files.
    external: [...FROM_NODE_MODULES, "fastify", "@fastify/swagger", "@fastify/rate-limit", "@electric-sql/pglite", "pg", "pg-boss"],
  });
}

/** The language server: Tenor's analysis bundled, the protocol libraries (CommonJS) from node_modules. */
export async function buildLsp() {
  await buildInPlace(LSP, {
    entryPoints: [join(root, "src", "lsp", "server.ts")],
    ...NODE_BUNDLE,
    external: [...FROM_NODE_MODULES, "vscode-languageserver", "vscode-languageserver/*", "vscode-languageserver-textdocument"],
  });
}

/**
 * Builds `outfile` atomically: into a temporary file beside it (same
 * directory, so the same filesystem and the same relative paths), then
 * renamed over it. Several `tenor` commands started together after a source
 * changed each rebuild (bin/tenor.mjs), and each loads a whole bundle, the
 * old one or a new one, never one half written. The file keeps the time
 * the build started, so a source saved during the build still counts as
 * newer and the next command rebuilds again.
 */
async function buildInPlace(outfile, options) {
  const started = new Date();
  const temporary = join(dirname(outfile), `.${basename(outfile)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    await build({ ...options, outfile: temporary });
    utimesSync(temporary, started, started);
    renameSync(temporary, outfile);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The portfolio worker: the runtime only (no parser), one CommonJS file a worker thread loads fast. */
export async function buildWorker() {
  // In place too: a settle-many started meanwhile (or another test file's build) never loads half a worker.
  await buildInPlace(WORKER, {
    entryPoints: [join(root, "src", "cli", "portfolio", "worker.ts")],
    ...NODE_BUNDLE,
    format: "cjs",
    // An ES module feature in the worker's sources would be dropped in CommonJS: fail the build instead.
    logOverride: { "empty-import-meta": "error" },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
