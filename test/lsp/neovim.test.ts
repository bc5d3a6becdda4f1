/**
 * A real client we did not write: Debian's Neovim, headless, with its
 * built-in LSP client (vim.lsp, Neovim 0.7), configured by the init.lua
 * block of docs/editors.md as it stands (`tenor` on the PATH) and driven by
 * ./neovim-client.lua. It opens a copy of the Sharon AI example with a typo
 * and its layout disturbed, and must get the typo's diagnostic at its line,
 * a completion list, and the document formatted as `tenor fmt` formats it.
 *
 * .ci/run installs Debian's neovim; in CI (CI=true) a missing nvim fails
 * this test, elsewhere it is skipped with the reason printed.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatSource } from "../../src/syntax/print.ts";
import { ROOT } from "./client.ts";
import { positionOf, SHARON } from "./fixtures.ts";

const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
const present = nvim.status === 0;
if (!present && process.env.CI === undefined) {
  process.stdout.write("test/lsp/neovim.test.ts: skipped: nvim is not installed (apt-get install --no-install-recommends neovim; .ci/run installs it)\n");
}

const dir = mkdtempSync(join(tmpdir(), "tenor-nvim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!present && process.env.CI === undefined)("Neovim's built-in LSP client", () => {
  it("gets the typo's diagnostic at its line, a completion list and the formatted document from tenor lsp", () => {
    expect(present, "nvim must be installed in CI (.ci/run installs Debian's neovim)").toBe(true);
    // The typo, and two lines laid out as `tenor fmt` would not.
    const text = SHARON.replace("price = buyback_price", "price = buyback_prize")
      .replace("const fleet_size = 40_000 gpu", "const   fleet_size=40_000 gpu")
      .replace("  year 2: 12.5%", "        year 2 :12.5%");
    const sheet = join(dir, "sharon.tenor");
    writeFileSync(sheet, text);
    // Completion after `sharon pays ` in the revenue-share test: the parties.
    const at = positionOf(text, "expect sharon pays nvidia 997_425", "expect sharon pays ".length);
    const out = join(dir, "result.json");
    // The documented configuration, word for word, and a `tenor` command on the PATH for it.
    const docs = readFileSync(join(ROOT, "docs", "editors.md"), "utf8");
    const init = /## Neovim[\s\S]*?```lua\n([\s\S]*?)```/.exec(docs)![1]!;
    expect(init).toContain('cmd = { "tenor", "lsp" }');
    writeFileSync(join(dir, "init.lua"), init);
    mkdirSync(join(dir, "bin"));
    writeFileSync(join(dir, "bin", "tenor"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, "bin", "tenor.mjs"))} "$@"\n`);
    chmodSync(join(dir, "bin", "tenor"), 0o755);
    const driver = join(ROOT, "test", "lsp", "neovim-client.lua");
    const run = spawnSync("nvim", ["--headless", "--noplugin", "-u", join(dir, "init.lua"), "-i", "NONE", "-n", sheet, "-c", `luafile ${driver}`], {
      encoding: "utf8",
      timeout: 30_000,
      env: {
        ...process.env,
        PATH: `${join(dir, "bin")}:${process.env.PATH ?? ""}`,
        // Neovim's state and its LSP log go to the temporary folder, not the home folder.
        XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir,
        TENOR_COMPLETE_LINE: String(at.line),
        TENOR_COMPLETE_COL: String(at.character),
        TENOR_RESULT: out,
      },
    });
    expect(run.error).toBeUndefined();
    const result = JSON.parse(readFileSync(out, "utf8")) as {
      error?: string; filetype: string; server_name: string; formatted: string; completion: string[]; complete_words: string[];
      diagnostics: { lnum: number; col: number; end_col: number; severity: number; message: string; source: string; code: string }[];
    };
    expect(result.error).toBeUndefined();
    expect([result.filetype, result.server_name]).toEqual(["tenor", "tenor"]);
    const typo = positionOf(text, "price = buyback_prize", "price = ".length);
    expect(result.diagnostics).toEqual([{
      lnum: typo.line, col: typo.character, end_col: typo.character + "buyback_prize".length, severity: 1,
      message: "unknown name buyback_prize; did you mean buyback_price?", source: "tenor", code: "TN2001",
    }]);
    expect(result.completion).toEqual(["nvidia", "sharon", "landlord"]);
    expect(result.complete_words).toEqual(["nvidia", "sharon", "landlord"]);
    expect(result.formatted).not.toBe(text);
    expect(result.formatted).toBe(formatSource(text).value);
    expect(result.formatted).toBe(SHARON.replace("price = buyback_price", "price = buyback_prize"));
  });
});
