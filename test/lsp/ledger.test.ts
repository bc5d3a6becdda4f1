/**
 * The ledger in the editor: with `NAME.inputs.json` beside `NAME.tenor`,
 * `tenor lsp` shows each clause's total as a code lens (and in the clause's
 * hover), the ledger's totals on the first line, and the data's problems as
 * diagnostics. The expected sums are added up here, in cents, from the
 * ledger `tenor run` settles for the same files.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CodeLensRequest, DidChangeWatchedFilesNotification, FileChangeType, HoverRequest, type CodeLens, type MarkupContent } from "vscode-languageserver-protocol/node";
import { runSource } from "../../src/api.ts";
import { STDLIB } from "../stdlib-options.ts";
import { startClient, type TestClient } from "./client.ts";
import { folderWith, positionOf, SHARON, SHARON_INPUTS, uriOf } from "./fixtures.ts";

let client: TestClient;
const dir = folderWith({ "sharon.tenor": SHARON, "sharon.inputs.json": SHARON_INPUTS });
const uri = uriOf(dir, "sharon.tenor");
beforeAll(async () => {
  client = await startClient();
});
afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `123456789` cents → `1,234,567.89`. */
function money(cents: bigint): string {
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${whole}.${(cents % 100n).toString().padStart(2, "0")}`;
}
const cents = (amount: string) => BigInt(amount.replace(".", ""));

const lenses = async (u = uri) => (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: u } })) as CodeLens[];

describe("the ledger beside the sheet", () => {
  const ledger = runSource(SHARON, [{ name: "sharon.inputs.json", text: SHARON_INPUTS }], STDLIB).ledger!;
  const paid = (clause: string) => {
    const lines = ledger.periods.flatMap((p) => p.lines).filter((l) => l.clause === clause);
    return { total: lines.reduce((sum, l) => sum + cents(l.amount), 0n), lines: lines.length, capped: lines.filter((l) => l.capped).length };
  };

  it("puts the ledger's totals on the first line and each clause's total above it", async () => {
    expect((await client.open(uri, SHARON)).diagnostics).toEqual([]);
    const got = await lenses();
    const totals = ledger.totals.map((t) => `${t.payer} → ${t.payee} ${money(cents(t.amount))} USD`).join("; ");
    expect(got[0]).toEqual({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: `ledger (sharon.inputs.json): ${totals}`, command: "" } });
    const share = paid("revenue_share");
    const buyback = paid("capacity_buyback");
    const guarantee = paid("lease_guarantee");
    const fee = paid("guarantee_fee");
    expect(buyback.capped).toBeGreaterThan(0);
    expect(got.slice(1).map((l) => [l.range.start, l.command!.title])).toEqual([
      [positionOf(SHARON, "use revenue_share as"), `ledger (sharon.inputs.json): sharon → nvidia ${money(share.total)} USD (${share.lines} lines)`],
      [positionOf(SHARON, "use utilization_buyback as"), `ledger (sharon.inputs.json): nvidia → sharon ${money(buyback.total)} USD (${buyback.lines} lines, ${buyback.capped} capped)`],
      [positionOf(SHARON, "use cured_default_guarantee as"), `ledger (sharon.inputs.json): nvidia → landlord ${money(guarantee.total)} USD (${guarantee.lines} lines)`],
      [positionOf(SHARON, "use guarantee_fee as"), `ledger (sharon.inputs.json): sharon → nvidia ${money(fee.total)} USD (${fee.lines} lines)`],
      // 50,000,000 / 14.37, rounded down (the example's own comment).
      [positionOf(SHARON, "use guarantee_warrants as"), "ledger (sharon.inputs.json): grants sharon → nvidia 3,479,471 warrants"],
    ]);
    // The buyback's term cap of 75 million USD: all it ever paid.
    expect(money(buyback.total)).toBe("75,000,000.00");
  });

  it("adds the clause's total to the hover of its name", async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(SHARON, "as capacity_buyback", "as c".length) });
    const { value } = hover!.contents as MarkupContent;
    const buyback = paid("capacity_buyback");
    expect(value).toContain(`ledger \\(sharon\\.inputs\\.json\\): nvidia → sharon ${money(buyback.total).replace(".", "\\.")} USD \\(${buyback.lines} lines, ${buyback.capped} capped\\)`);
  });

  it("shows the inputs file's problems when it changes on disk, and no totals until it settles", async () => {
    const broken = SHARON_INPUTS.replace('"revenue": "6649500.00"', '"revenue": "6,649,500"');
    writeFileSync(join(dir, "sharon.inputs.json"), broken);
    const next = client.nextDiagnostics(uri);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(dir, "sharon.inputs.json"), type: FileChangeType.Changed }] });
    const { diagnostics } = await next;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 1, source: "tenor", range: { start: { line: 0, character: 0 }, end: { line: 0, character: SHARON.indexOf("\n") } } });
    expect(diagnostics[0]!.code).toMatch(/^TN31\d\d$/);
    expect(diagnostics[0]!.message).toMatch(/^sharon\.inputs\.json: .*2026-07-01.*revenue/);
    expect((await lenses()).map((l) => l.command!.title)).toEqual(["ledger (sharon.inputs.json): not settled, 1 problem"]);
    writeFileSync(join(dir, "sharon.inputs.json"), SHARON_INPUTS);
    const again = client.nextDiagnostics(uri);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(dir, "sharon.inputs.json"), type: FileChangeType.Changed }] });
    expect((await again).diagnostics).toEqual([]);
    expect(await lenses()).toHaveLength(6);
  });

  it("shows no totals while the sheet has errors, nor for a sheet without an inputs file", async () => {
    const other = uriOf(dir, "alone.tenor");
    await client.open(other, SHARON);
    expect(await lenses(other)).toEqual([]);
    const typo = uriOf(dir, "typo.tenor");
    writeFileSync(join(dir, "typo.inputs.json"), SHARON_INPUTS);
    expect((await client.open(typo, SHARON.replace("base = revenue", "base = revenu"))).diagnostics).toHaveLength(1);
    expect(await lenses(typo)).toEqual([]);
  });
});
