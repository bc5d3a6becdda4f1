/**
 * Keys as stored (issue 18's first part; the service does not ask for them
 * yet): bound to what they may speak for, found again from their text only
 * while not revoked, never stored in the clear.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticator } from "../../../src/service/auth/authenticate.ts";
import { createKey, listKeys, principalOfKey, revokeKey } from "../../../src/service/auth/key-store.ts";
import { system } from "../../../src/service/audit.ts";
import type { Database } from "../../../src/service/db/database.ts";
import { createDeal } from "../../../src/service/deals.ts";
import { openDatabase } from "../../../src/service/open-database.ts";
import { Problem } from "../../../src/service/problem.ts";
import { tempDataDir } from "../service-process.ts";

const DEAL = `deal "Keys"
parties {
  vendor: "GPU vendor"
  operator: "AI cloud operator"
}
term 2026-01-01 to 2026-12-31, monthly
currency USD
input revenue: USD
clause share "Revenue share" {
  operator pays vendor revenue * 10%
}
`;

const data = tempDataDir();
let db: Database;
let deal = "";

beforeAll(async () => {
  db = await openDatabase({ data: data.dir });
  deal = (await db.transaction((tx) => createDeal(tx, { source: DEAL }, system("test")))).id;
}, 60_000);
afterAll(async () => {
  await db.close();
  data.cleanUp();
});

async function refusal(p: Promise<unknown>): Promise<{ status: number; detail: string }> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(Problem);
  return { status: (e as Problem).status, detail: (e as Problem).message };
}

describe("stored keys", () => {
  it("speak for the role, deal and party they were made for, and are stored only as a hash", async () => {
    const made = await db.transaction((tx) => createKey(tx, { role: "operator", deal, party: "operator" }));
    expect(await principalOfKey(db, made.key)).toEqual({ id: made.id, via: "key", role: "operator", deal, party: "operator" });
    const [row] = await db.query<{ hash: string }>("SELECT hash FROM tenor_keys WHERE id = $1", [made.id]);
    expect(row!.hash).not.toContain(made.key.slice("tnr_".length + 12 + 1));
    expect((await listKeys(db)).find((k) => k.id === made.id)).toEqual({ id: made.id, role: "operator", deal, party: "operator", revoked: false });
  });

  it("are refused once revoked, and for a secret that is not theirs", async () => {
    const made = await db.transaction((tx) => createKey(tx, { role: "admin" }));
    const other = await db.transaction((tx) => createKey(tx, { role: "auditor" }));
    const forged = `tnr_${made.id}_${other.key.slice("tnr_".length + 12 + 1)}`;
    expect(await principalOfKey(db, forged)).toBeNull();
    const auth = authenticator(db, null);
    expect(await auth.authenticate(`Bearer ${made.key}`)).toMatchObject({ role: "admin", deal: null });
    await db.transaction((tx) => revokeKey(tx, made.id));
    auth.forget();
    expect(await auth.authenticate(`Bearer ${made.key}`)).toEqual({ refused: "the key is not valid (unknown, revoked or mistyped)" });
    expect(await auth.authenticate(undefined)).toEqual({ refused: "send your key or token as Authorization: Bearer …" });
    expect(await auth.authenticate("Bearer eyJhbGciOiJub25lIn0.e30.")).toEqual({ refused: "this service takes API keys only (tnr_…)" });
  });

  it("are bound only to what exists: a deal's own party, no deal for an admin", async () => {
    expect(await refusal(db.transaction((tx) => createKey(tx, { role: "operator", deal, party: "landlord" })))).toEqual({
      status: 422, detail: 'the deal has no party "landlord" (its parties: vendor, operator)',
    });
    expect((await refusal(db.transaction((tx) => createKey(tx, { role: "counsel", deal: "nope", party: "vendor" })))).status).toBe(404);
    expect((await refusal(db.transaction((tx) => createKey(tx, { role: "admin", deal })))).status).toBe(400);
    expect((await refusal(db.transaction((tx) => createKey(tx, { role: "counterparty" })))).status).toBe(400);
  });
});
