/**
 * Issue 19, item 3 (writes): `| head -1` and `> /dev/full` ended in Node's
 * "Unhandled 'error' event" stack trace, and `compile x.tenor -o x.tenor`
 * overwrote the term sheet with its artifact. Now a closed pipe ends
 * quietly with exit 0, a failed write in one line with exit 2, files are
 * replaced through a temporary file renamed into place, and an output that
 * is an input is refused with exit 64 (docs/language.md §14).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, linkSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutputError, processIo, sameFileOnDisk, writeFileSafely, type Io } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { fakeIo, FEE_DEAL } from "./fake-io.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const DEAL = FEE_DEAL;
const MESSY = DEAL.replace("currency USD", "currency   USD");
const INPUTS = JSON.stringify({ periods: [{ period: "2026-07-01", revenue: "100.00" }, { period: "2026-10-01", revenue: "200.00" }] });

let dir = "";
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tenor-writes-"));
  writeFileSync(join(dir, "deal.tenor"), DEAL);
  writeFileSync(join(dir, "inputs.json"), INPUTS);
  // The process tests run the bundled CLI, as users do: build it once here rather than in each child.
  const { buildCli } = (await import(join(root, "scripts", "build-cli.mjs"))) as { buildCli: () => Promise<void> };
  await buildCli();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `tenor ARGS` in bash with a redirection or a pipe after it; gives tenor's own exit status (PIPESTATUS). */
function shell(args: string, tail: string) {
  const tenor = `"${process.execPath}" "${join(root, "bin", "tenor.mjs")}"`;
  const run = spawnSync("bash", ["-c", `${tenor} ${args} ${tail}; echo "status=\${PIPESTATUS[0]}" >&2`], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  if (run.error) throw run.error;
  const m = /status=(\d+)\n$/.exec(run.stderr);
  return { status: Number(m?.[1]), stderr: run.stderr.replace(/status=\d+\n$/, ""), stdout: run.stdout };
}

describe("standard output", () => {
  it("ends quietly with exit 0 when the reader closes the pipe (`| head -1`, `| true`)", () => {
    for (const tail of ["| head -1", "| true"]) {
      const r = shell("run deal.tenor --inputs inputs.json --format json", tail);
      expect(r.stderr, tail).toBe("");
      expect(r.status, tail).toBe(0);
    }
    const table = shell("run deal.tenor --inputs inputs.json --format table", "| head -1");
    expect(table.stdout).toBe("Fee deal (amounts in USD)\n");
    expect([table.status, table.stderr]).toEqual([0, ""]);
    const help = shell("--help", "| true");
    expect([help.status, help.stderr]).toEqual([0, ""]);
  });

  it("ends with exit 2 and one line when stdout cannot be written (`> /dev/full`)", () => {
    for (const args of ["run deal.tenor --inputs inputs.json --format json", "compile deal.tenor", "fmt deal.tenor"]) {
      const r = shell(args, "> /dev/full");
      expect(r.stderr, args).toBe("tenor: standard output: cannot be written: no space left on device (ENOSPC)\n");
      expect(r.status, args).toBe(2);
    }
  });

  it("ends with exit 2 and one line when a file written with -o cannot be (`-o /dev/full`)", () => {
    const r = shell("compile deal.tenor -o /dev/full", "");
    expect(r.stderr).toBe("tenor: /dev/full: cannot be written: no space left on device (ENOSPC)\n");
    expect(r.status).toBe(2);
  });

  it("answers an OutputError from the Io: EPIPE quietly with 0, anything else in one line with 2", async () => {
    for (const [code, exit, err] of [
      ["EPIPE", 0, ""],
      ["EIO", 2, "tenor: standard output: cannot be written: input/output error (EIO)\n"],
      ["ENOSPC", 2, "tenor: standard output: cannot be written: no space left on device (ENOSPC)\n"],
    ] as const) {
      const io = fakeIo({ "deal.tenor": DEAL, "inputs.json": INPUTS });
      const failing: Io = { ...io, stdout: () => { throw new OutputError("standard output", code); } };
      expect(await main(["run", "deal.tenor", "--inputs", "inputs.json"], failing), code).toBe(exit);
      expect(io.err(), code).toBe(err);
      expect(await main([], failing), `help, ${code}`).toBe(exit);
    }
  });

});

describe("files written by -o and --write", () => {
  it("go to a temporary file in the same directory, renamed into place, keeping permissions and links", () => {
    const target = join(dir, "kept.txt");
    writeFileSync(target, "old");
    chmodSync(target, 0o640);
    const before = statSync(target).ino;
    writeFileSafely(target, "new");
    expect(readFileSync(target, "utf8")).toBe("new");
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(statSync(target).ino).not.toBe(before); // a new file renamed over the old one
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const link = join(dir, "link.txt");
    symlinkSync(target, link);
    writeFileSafely(link, "through the link");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("through the link");
  });

  it("leave nothing behind and the old file whole when the write fails", () => {
    expect(() => writeFileSafely(join(dir, "no-such-dir", "x.json"), "x")).toThrow(expect.objectContaining({ code: "ENOENT" }));
    expect(() => writeFileSafely(dir, "x")).toThrow(expect.objectContaining({ code: "EISDIR" }));
    expect(() => writeFileSafely("/dev/full", "x")).toThrow(expect.objectContaining({ code: "ENOSPC" }));
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("compile -o and fmt --write write through the real Io", async () => {
    const quiet: Io = { ...processIo, stdout: () => {}, stderr: () => {} };
    const messy = join(dir, "messy.tenor");
    writeFileSync(messy, MESSY);
    expect(await main(["fmt", "--write", messy], quiet)).toBe(0);
    expect(readFileSync(messy, "utf8")).not.toContain("currency   USD");
    expect(await main(["compile", join(dir, "deal.tenor"), "-o", join(dir, "deal.json")], quiet)).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "deal.json"), "utf8")).format).toBe("tenor-terms");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("say in one line with exit 2 why a file cannot be written", async () => {
    let err = "";
    const io: Io = { ...processIo, stdout: () => {}, stderr: (t) => void (err += t) };
    const out = join(dir, "no-such-dir", "deal.json");
    expect(await main(["compile", join(dir, "deal.tenor"), "-o", out], io)).toBe(2);
    expect(err).toBe(`tenor: ${out}: cannot be written: no such directory (ENOENT)\n`);
    for (const code of ["EACCES", "ENOSPC", "EIO"]) {
      const fake = fakeIo({ "deal.tenor": MESSY });
      const failing: Io = { ...fake, writeFile: () => { throw Object.assign(new Error(code), { code }); } };
      expect(await main(["compile", "deal.tenor", "-o", "deal.json"], failing), code).toBe(2);
      expect(await main(["fmt", "--write", "deal.tenor"], failing), code).toBe(2);
      expect(fake.err().trimEnd().split("\n"), code).toEqual([
        expect.stringMatching(new RegExp(`^tenor: deal\\.json: cannot be written: .+ \\(${code}\\)$`)),
        expect.stringMatching(new RegExp(`^tenor: deal\\.tenor: cannot be written: .+ \\(${code}\\)$`)),
      ]);
    }
  });

  it("compile -o - writes the artifact to stdout", async () => {
    const a = fakeIo({ "deal.tenor": DEAL });
    const b = fakeIo({ "deal.tenor": DEAL });
    expect(await main(["compile", "deal.tenor", "-o", "-"], a)).toBe(0);
    expect(await main(["compile", "deal.tenor"], b)).toBe(0);
    expect(a.out()).toBe(b.out());
  });
});

describe("an output that is an input", () => {
  it("refuses `compile x.tenor -o x.tenor` with exit 64 and leaves the term sheet alone (issue 19)", async () => {
    const files: Record<string, string> = { "x.tenor": DEAL };
    const io = fakeIo(files);
    expect(await main(["compile", "x.tenor", "-o", "x.tenor"], io)).toBe(64);
    expect(io.err()).toBe("tenor: -o x.tenor would overwrite the term sheet; choose another file\n");
    expect(files["x.tenor"]).toBe(DEAL);
    const dotted = fakeIo(files);
    expect(await main(["compile", "x.tenor", "-o", "./x.tenor"], dotted)).toBe(64);
  });

  it("recognizes the same file on disk by real path (a symbolic link) and by device and inode (a hard link)", async () => {
    const x = join(dir, "x.tenor");
    writeFileSync(x, DEAL);
    symlinkSync(x, join(dir, "soft.tenor"));
    linkSync(x, join(dir, "hard.tenor"));
    expect(sameFileOnDisk(x, join(dir, "soft.tenor"))).toBe(true);
    expect(sameFileOnDisk(x, join(dir, "hard.tenor"))).toBe(true);
    expect(sameFileOnDisk(x, join(dir, "deal.tenor"))).toBe(false);
    expect(sameFileOnDisk(x, join(dir, "not-yet.json"))).toBe(false);
    let err = "";
    const io: Io = { ...processIo, stdout: () => {}, stderr: (t) => void (err += t) };
    for (const out of [x, join(dir, "soft.tenor"), join(dir, "hard.tenor"), join(dir, ".", "x.tenor")]) {
      err = "";
      expect(await main(["compile", x, "-o", out], io), out).toBe(64);
      expect(err).toMatch(/would overwrite the term sheet; choose another file\n$/);
      expect(readFileSync(x, "utf8")).toBe(DEAL);
    }
  });

  it("refuses an output that is a file the term sheet imports", async () => {
    const lib = join(dir, "lib.tenor");
    writeFileSync(lib, `template clause fee(payer: party, payee: party, amount: money) {\n  payer pays payee amount\n}\n`);
    const sheet = join(dir, "uses-lib.tenor");
    writeFileSync(sheet, `import fee from "./lib"\n${DEAL}use fee as f { payer = operator, payee = vendor, amount = 1 USD }\n`);
    let err = "";
    const io: Io = { ...processIo, stdout: () => {}, stderr: (t) => void (err += t) };
    const code = await main(["compile", sheet, "-o", lib], io);
    expect(err).toMatch(/^tenor: -o .*lib\.tenor would overwrite .*lib\.tenor, which the term sheet imports; choose another file\n$/);
    expect(code).toBe(64);
    expect(readFileSync(lib, "utf8")).toContain("template clause fee");
  });
});
