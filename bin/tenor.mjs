#!/usr/bin/env node
// The `tenor` command: runs the bundle dist/tenor.mjs, rebuilding it first
// when a source under grammar/ or src/ is newer (so edits take effect at once),
// or when a bundle built with it is missing.
// Commands started together may all rebuild: scripts/build-cli.mjs renames each
// finished bundle into place, so every one loads a whole bundle (test/cli/rebuild.test.ts).
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist", "tenor.mjs");
// Built with it and loaded from beside it (scripts/build-cli.mjs): the portfolio worker and the language server.
const besides = [join(root, "dist", "portfolio-worker.cjs"), join(root, "dist", "tenor-lsp.mjs")];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsStale() {
  try {
    for (const file of besides) statSync(file);
    return statSync(bundle).mtimeMs < Math.max(newestSource(join(root, "src")), newestSource(join(root, "grammar")));
  } catch {
    return true;
  }
}

if (bundleIsStale()) {
  const { buildCli } = await import("../scripts/build-cli.mjs");
  await buildCli();
}
const { main } = await import(pathToFileURL(bundle).href);
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // Every expected failure is a diagnostic; reaching here is a bug in Tenor itself.
  process.stderr.write(`tenor: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 70;
}
