/**
 * Start-up (issue 17): each command of the built CLI loads only what it
 * uses. The bundle splits at each command's `import()` in src/cli/main.ts
 * (scripts/build-cli.mjs); here the built CLI runs under a resolve hook that
 * logs every ES module it imports (test/cli/load-log/hooks.mjs), and
 * dist/tenor-chunks.json says which sources each file of the bundle holds.
 * No timing here: the figures are in docs/performance.md.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..", "..");
const tenor = join(repo, "bin", "tenor.mjs");
const hooks = join(import.meta.dirname, "load-log", "hooks.mjs");
const dir = mkdtempSync(join(tmpdir(), "tenor-startup-"));
const artifact = join(dir, "sharon.json");
const inputs = join(repo, "examples", "sharon-dsx.inputs.json");
const sheet = join(repo, "examples", "sharon-dsx.tenor");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ChunkFile {
  readonly inputs: readonly string[];
  readonly imports: readonly { path: string; external: boolean }[];
}

beforeAll(() => {
  // Builds the bundle if a source is newer (bin/tenor.mjs), so the runs below load it, not the build.
  const compiled = spawnSync(process.execPath, [tenor, "compile", sheet, "-o", artifact], { encoding: "utf8" });
  expect(compiled.status).toBe(0);
}, 120_000);

/** Runs the built CLI; gives its exit code, output, and the sources and packages it loaded. */
function loads(...argv: string[]) {
  const log = join(dir, `loads-${argv[0]}-${Math.random().toString(36).slice(2)}.txt`);
  const r = spawnSync(process.execPath, ["--import", hooks, tenor, ...argv], {
    encoding: "utf8",
    env: { ...process.env, TENOR_LOAD_LOG: log },
  });
  const urls = readFileSync(log, "utf8").split("\n").filter((u) => u.startsWith("file:")).map((u) => fileURLToPath(u));
  const chunks = JSON.parse(readFileSync(join(repo, "dist", "tenor-chunks.json"), "utf8")) as Record<string, ChunkFile>;
  const bundled = urls.filter((p) => p.startsWith(join(repo, "dist"))).map((p) => basename(p));
  // Every file of the bundle a run loads is one the chunk map knows: nothing stale is measured.
  for (const file of bundled) expect(Object.keys(chunks)).toContain(file);
  const sources = bundled.flatMap((file) => chunks[file]!.inputs);
  const packages = urls.flatMap((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1] ?? []);
  return { code: r.status, out: r.stdout, sources: new Set(sources), packages: new Set(packages) };
}

// The service's request-timeout default (src/service/http/transport.ts, node:net only) is in the option table of `tenor serve`.
const heavy = (sources: Set<string>) =>
  [...sources].filter((s) => /node_modules\/chevrotain|^grammar\/|^src\/syntax\/|^src\/check\/|^src\/service\//.test(s) && s !== "src/service/http/transport.ts");
const SERVICE_PACKAGES = ["fastify", "@fastify/swagger", "@fastify/rate-limit", "@electric-sql/pglite", "pg", "pg-boss", "piscina"];

describe("what each command of the built CLI loads", () => {
  it("tenor --version loads the option table only: no Chevrotain, no parser or checker, no service packages", () => {
    const r = loads("--version");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(r.sources).toContain("src/cli/main.ts");
    expect(heavy(r.sources)).toEqual([]);
    expect([...r.packages]).toEqual(["commander"]);
  });

  it("tenor check loads Chevrotain and the checker, and no service package", () => {
    const r = loads("check", sheet);
    expect(r.code).toBe(0);
    expect(r.sources).toContain("node_modules/chevrotain/lib/src/api.js");
    expect(r.sources).toContain("src/check/check-program.ts");
    expect(SERVICE_PACKAGES.filter((p) => r.packages.has(p))).toEqual([]);
  });

  it("tenor inspect and tenor run of a compiled artifact never load Chevrotain, the parser or the checker", () => {
    const inspect = loads("inspect", artifact);
    expect(inspect.code).toBe(0);
    expect(inspect.out).toContain("Sharon");
    expect(heavy(inspect.sources)).toEqual([]);
    const run = loads("run", artifact, "--inputs", inputs, "--format", "csv");
    expect(run.code).toBe(0);
    expect(run.sources).toContain("src/runtime/stream-program.ts");
    expect(heavy(run.sources)).toEqual([]);
    expect(SERVICE_PACKAGES.filter((p) => run.packages.has(p))).toEqual([]);
  });
});

describe("tenor --help of the built CLI", () => {
  // Every command registered in src/cli/main.ts, read from the source so a new command is covered when it is added.
  const main = readFileSync(join(repo, "src", "cli", "main.ts"), "utf8");
  const commands = [...main.matchAll(/program\s*\.command\("([a-z-]+)"\)/g)].map((m) => m[1]!);

  it("lists every command registered in main.ts, each with its own help", () => {
    expect(commands).toEqual(expect.arrayContaining(["check", "run", "compile", "inspect", "settle-many", "serve"]));
    const help = spawnSync(process.execPath, [tenor, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    const listed = [...help.stdout.split("Commands:")[1]!.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]);
    expect(listed).toEqual([...commands, "help"]);
  });

  it("shows the options of a command whose code it does not load", () => {
    const r = loads("run", "--help");
    expect(r.code).toBe(0);
    for (const option of ["--inputs <file...>", "--events <file>", "--format <format>", "--no-trace"]) expect(r.out).toContain(option);
    expect(heavy(r.sources)).toEqual([]);
    expect(r.sources.has("src/runtime/stream-program.ts")).toBe(false);
  });
});
