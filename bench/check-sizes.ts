/**
 * `npm run bench -- check` (issue 17): `tenor check` of the big sheet at
 * 500 to 20,000 clauses, in process and through the built CLI (start-up
 * included), so the time per clause shows whether checking stays linear.
 * Beside each in-process row, lexing the same text (the baseline that runs
 * on the same machine in the same process).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lex } from "../grammar/lexer.ts";
import { checkSource } from "../src/api.ts";
import { bigSheet } from "./big-sheet.ts";
import { measure, ms, ratio } from "./measure.ts";

export const CHECK_SIZES = [500, 1000, 2000, 5000, 20_000] as const;

/** Reports one row per size: in process (median), per clause, against lexing; and the CLI's wall time. */
export function measureCheckSizes(root: string, report: (line: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "tenor-bench-check-"));
  const tenor = (...argv: string[]) => spawnSync(process.execPath, [join(root, "bin", "tenor.mjs"), ...argv]);
  try {
    tenor("--version"); // builds the bundle first if a source changed
    const node = measure(() => spawnSync(process.execPath, ["-e", "0"]), 9);
    const version = measure(() => tenor("--version"), 9);
    const help = measure(() => tenor("--help"), 9);
    report(`start-up: node -e 0 ${ms(node.median)}; tenor --version ${ms(version.median)} (+${ms(version.median - node.median)}); ` +
      `tenor --help ${ms(help.median)} (+${ms(help.median - node.median)}) (target: within 100 ms of node)`);
    for (const clauses of CHECK_SIZES) {
      const sheet = bigSheet(clauses);
      const repeats = clauses >= 20_000 ? 1 : 3;
      const lexing = measure(() => lex(sheet), repeats);
      const checking = measure(() => checkSource(sheet), repeats);
      const file = join(dir, `big-${clauses}.tenor`);
      writeFileSync(file, sheet);
      const cli = measure(() => tenor("check", file), repeats);
      report(`check ${clauses} clauses (${(sheet.length / 1024).toFixed(0)} KiB): in process ${ms(checking.median)}, ` +
        `${((checking.median / clauses) * 1000).toFixed(0)} µs a clause, ${ratio(checking.median, lexing.median)} lexing; ` +
        `tenor check ${ms(cli.median)} wall${clauses === 5000 ? " (target: ≤ 1000 ms)" : ""}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
