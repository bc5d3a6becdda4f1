/**
 * Brief §6.5: the same source and inputs give byte-identical output
 * wherever they run. The `tenor` CLI is run twice on each example — once
 * as usual, once in a far time zone (Pacific/Chatham, UTC+12:45/+13:45)
 * with a Turkish locale (its number format uses `.` for thousands and `,`
 * for decimals, and its casing rules differ: dotless ı) —
 * and the outputs must be identical, and equal to the library's own ledger.
 * (Issue 4 item 7; a headless-Chromium comparison joins once the
 * playground exists.)
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runSource } from "../../src/api.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { STDLIB } from "../stdlib-options.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const EXAMPLES = ["sharon-dsx", "coreweave-backstop", "firmus-campus"];

const FAR_AWAY = { TZ: "Pacific/Chatham", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" };
const HOME = { TZ: "UTC", LANG: "C.UTF-8", LC_ALL: "C.UTF-8" };

function tenor(args: string[], env: Record<string, string>): { stdout: string; status: number | null } {
  const run = spawnSync(process.execPath, [join(root, "bin", "tenor.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  return { stdout: run.stdout, status: run.status };
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("the example ledgers in another time zone and locale", () => {
  it("the far-away environment really differs from the usual one", () => {
    const probe = ["-e", "process.stdout.write([new Date(Date.UTC(2026,6,1)).getHours(), (1234.5).toLocaleString()].join(' '))"];
    const there = spawnSync(process.execPath, probe, { encoding: "utf8", env: { ...process.env, ...FAR_AWAY } }).stdout;
    const here = spawnSync(process.execPath, probe, { encoding: "utf8", env: { ...process.env, ...HOME } }).stdout;
    expect(here).toBe("0 1,234.5");
    expect(there).toBe("12 1.234,5");
  });

  it.each(EXAMPLES)("%s: `tenor run --format json` is byte-identical, and equals the library's ledger", (name) => {
    const args = ["run", `examples/${name}.tenor`, "--inputs", `examples/${name}.inputs.json`, "--format", "json"];
    const here = tenor(args, HOME);
    const there = tenor(args, FAR_AWAY);
    expect(here.status).toBe(0);
    expect(there.status).toBe(0);
    expect(sha256(there.stdout)).toBe(sha256(here.stdout));
    const inputs = `examples/${name}.inputs.json`;
    const ledger = runSource(readFileSync(join(root, `examples/${name}.tenor`), "utf8"), [{ name: inputs, text: readFileSync(join(root, inputs), "utf8") }], STDLIB).ledger!;
    expect(here.stdout.trim()).toBe(ledgerToJson(ledger, { trace: true }).trim());
  });

  it.each(["table", "csv"])("sharon-dsx: `tenor run --format %s` is byte-identical", (format) => {
    const args = ["run", "examples/sharon-dsx.tenor", "--inputs", "examples/sharon-dsx.inputs.json", "--format", format];
    const here = tenor(args, HOME);
    expect(here.status).toBe(0);
    expect(tenor(args, FAR_AWAY).stdout).toBe(here.stdout);
  });

  it("sharon-dsx: `tenor test` reports identically", () => {
    const here = tenor(["test", "examples/sharon-dsx.tenor"], HOME);
    expect(here.status).toBe(0);
    expect(tenor(["test", "examples/sharon-dsx.tenor"], FAR_AWAY).stdout).toBe(here.stdout);
  });
});
