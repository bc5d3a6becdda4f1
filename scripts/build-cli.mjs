// Bundles the `tenor` command into dist/tenor.mjs with esbuild.
// Why: loading chevrotain's hundreds of ES modules (through tsx) costs
// seconds per invocation; one bundled file starts in a fraction of that.
// Run by `npm install` (prepare) and, when sources changed, by bin/tenor.mjs.
import { build } from "esbuild";
import { NODE_BUNDLE } from "./node-bundle.mjs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const BUNDLE = join(root, "dist", "tenor.mjs");
/** The worker of `tenor settle-many` (src/cli/portfolio/worker.ts), found beside the CLI bundle. */
export const WORKER = join(root, "dist", "portfolio-worker.mjs");

export async function buildCli() {
  await buildWorker();
  await build({
    entryPoints: [join(root, "src", "cli", "main.ts")],
    outfile: BUNDLE,
    ...NODE_BUNDLE,
    // CommonJS packages load fine from node_modules; chevrotain (hundreds of ES modules) is the one worth bundling.
    external: ["commander", "csv-parse", "csv-parse/*", "piscina", "cli-progress"],
  });
}

/** The portfolio worker: the runtime only (no parser), one file a worker thread loads fast. */
export async function buildWorker() {
  await build({
    entryPoints: [join(root, "src", "cli", "portfolio", "worker.ts")],
    outfile: WORKER,
    ...NODE_BUNDLE,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
