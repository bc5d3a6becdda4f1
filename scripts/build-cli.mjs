// Bundles the `tenor` command into dist/tenor.mjs with esbuild.
// Why: loading chevrotain's hundreds of ES modules (through tsx) costs
// seconds per invocation; one bundled file starts in a fraction of that.
// Run by `npm install` (prepare) and, when sources changed, by bin/tenor.mjs.
import { build } from "esbuild";
import { NODE_BUNDLE } from "./node-bundle.mjs";
import { randomBytes } from "node:crypto";
import { readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
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
  await buildSplit(BUNDLE, {
    entryPoints: [join(root, "src", "cli", "main.ts")],
    ...NODE_BUNDLE,
    // Each command's `import()` in src/cli/main.ts becomes a chunk loaded when that command runs:
    // `tenor --version` loads the option table only, `tenor inspect` never the parser (issue 17).
    splitting: true,
    // Chunks beside the bundle, not in a folder: code that finds files beside itself (the worker, the language server, stdlib) finds them from any chunk.
    chunkNames: "tenor-chunk-[hash]",
    outExtension: { ".js": ".mjs" },
    // The service's packages too: PGlite finds its WebAssembly beside its own files.
    external: [...FROM_NODE_MODULES, "fastify", "@fastify/swagger", "@fastify/rate-limit", "@electric-sql/pglite", "pg", "pg-boss"],
  });
}

/**
 * What each file of the split bundle holds and imports, by file name:
 * `{ [file]: { entryPoint?, inputs: [path], imports: [{ path, kind }] } }`,
 * so a test can tell which sources a command loaded (test/cli/startup.test.ts).
 */
export const CHUNK_MAP = "tenor-chunks.json";

function writeChunkMap(file, metafile, started) {
  const map = {};
  for (const [out, o] of Object.entries(metafile.outputs)) {
    map[basename(out)] = {
      ...(o.entryPoint ? { entryPoint: o.entryPoint } : {}),
      inputs: Object.keys(o.inputs),
      imports: o.imports.map((i) => ({ path: i.external ? i.path : basename(i.path), kind: i.kind, external: i.external === true })),
    };
  }
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temporary, JSON.stringify(map, null, 1));
  utimesSync(temporary, started, started);
  renameSync(temporary, file);
}

/** A chunk of the split CLI bundle (scripts/build-cli.mjs chunkNames). */
const CHUNK = /^tenor-chunk-[A-Z0-9]+\.mjs$/;

/**
 * Builds a split bundle as buildInPlace builds one file: into a temporary
 * folder beside `outfile`, then renamed into place, the chunks first and
 * the entry last, so a command that loads the new entry finds every chunk
 * it imports. A chunk's name is the hash of its content, so a chunk renamed
 * over one of the same name is the same bytes, and an older entry still
 * loading finds its own chunks. Chunks that no build has written for an
 * hour are removed.
 */
async function buildSplit(outfile, options) {
  const started = new Date();
  const dir = dirname(outfile);
  const temporary = join(dir, `.${basename(outfile)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    const result = await build({ ...options, outdir: temporary, entryNames: basename(outfile, ".mjs"), metafile: true });
    const written = readdirSync(temporary);
    for (const name of written) utimesSync(join(temporary, name), started, started);
    for (const name of written.filter((n) => CHUNK.test(n))) renameSync(join(temporary, name), join(dir, name));
    renameSync(join(temporary, basename(outfile)), outfile);
    writeChunkMap(join(dir, CHUNK_MAP), result.metafile, started);
    const hourAgo = started.getTime() - 3_600_000;
    for (const name of readdirSync(dir)) {
      if (CHUNK.test(name) && !written.includes(name) && statSync(join(dir, name)).mtimeMs < hourAgo) rmSync(join(dir, name), { force: true });
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
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
