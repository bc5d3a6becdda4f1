/**
 * bin/tenor.mjs rebuilds dist/tenor.mjs when a source is newer (issue 19):
 * several `tenor` commands started together then all rebuild, and none may
 * load a bundle another one is still writing (`main is not a function`).
 * scripts/build-cli.mjs builds into a temporary file and renames it into
 * place. Run on a copy of bin/ and scripts/ in a temporary folder (src/,
 * grammar/ and node_modules/ linked), so the repository's own dist/ is
 * never rebuilt under other tests.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..", "..");
const version = (JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { version: string }).version;
const root = mkdtempSync(join(tmpdir(), "tenor-rebuild-"));
cpSync(join(repo, "bin"), join(root, "bin"), { recursive: true });
cpSync(join(repo, "scripts"), join(root, "scripts"), { recursive: true });
cpSync(join(repo, "package.json"), join(root, "package.json"));
for (const linked of ["src", "grammar", "node_modules"]) symlinkSync(join(repo, linked), join(root, linked), "dir");
const bundle = join(root, "dist", "tenor.mjs");
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `tenor --version` from the copy, started after `delay` ms. */
function tenorVersion(delay: number): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const child = spawn(process.execPath, [join(root, "bin", "tenor.mjs"), "--version"], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d));
      child.stderr.on("data", (d: Buffer) => (err += d));
      child.on("close", (code) => resolve({ code, out, err }));
    }, delay);
  });
}

/** Four commands at once, or nearly: the later ones start while the first ones are writing their bundles. */
async function four(): Promise<void> {
  const runs = await Promise.all([0, 0, 60, 120].map(tenorVersion));
  expect(runs).toEqual(runs.map(() => ({ code: 0, out: `${version}\n`, err: "" })));
  // The bundle is in place, and nothing half-built is left beside it.
  const dist = readdirSync(join(root, "dist"));
  expect(dist).toContain("tenor.mjs");
  expect(dist.filter((name) => name.endsWith(".tmp"))).toEqual([]);
}

describe("rebuilding dist/tenor.mjs", () => {
  it("four commands started together without a bundle all run", { timeout: 120_000 }, async () => {
    rmSync(join(root, "dist"), { recursive: true, force: true });
    await four();
  });

  it("four commands started together after a source changed all run", { timeout: 120_000 }, async () => {
    utimesSync(bundle, new Date(0), new Date(0)); // older than every source: as after an edit
    await four();
  });
});
