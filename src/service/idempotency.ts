/**
 * `Idempotency-Key`: a write sent again with the same key gets the first
 * answer again and changes nothing. The key is claimed in the write's own
 * transaction, so a concurrent retry waits on it and then reads the
 * answer; a write that fails rolls its claim back with it. The same key on
 * another request (other method, path or body) is refused.
 */
import { canonicalJson } from "../ir/canonical-json.ts";
import { sha256Hex } from "./sha256.ts";
import { SERVICE } from "../diagnostics/codes/service.ts";
import type { Queryable } from "./db/database.ts";
import { Problem } from "./problem.ts";

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export interface KeyedRequest {
  /** Whose key it is (the principal's id): one caller's key never answers another's request. */
  readonly owner: string;
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

export function requestHash(r: KeyedRequest): string {
  return sha256Hex(canonicalJson({ method: r.method, path: r.path, body: r.body ?? null }));
}

/** The key as stored: its owner's and the client's. */
function storedKey(r: KeyedRequest): string {
  return `${r.owner} ${r.key}`;
}

/** The answer stored under the key, or null; a Problem when the key belongs to another request. */
export async function storedAnswer(db: Queryable, r: KeyedRequest): Promise<Answer | null> {
  const rows = await db.query<{ request_sha256: string; status: number; body: string }>(
    "SELECT request_sha256, status, body FROM tenor_idempotency WHERE key = $1",
    [storedKey(r)],
  );
  const row = rows[0];
  if (row === undefined) return null;
  if (row.request_sha256 !== requestHash(r)) {
    throw new Problem(422, SERVICE.idempotencyKeyReused, `the Idempotency-Key ${JSON.stringify(r.key)} was used for another request; use a new key for a new request`, { field: "Idempotency-Key" });
  }
  return { status: Number(row.status), body: JSON.parse(row.body) };
}

/**
 * Runs `write` in `tx` under the key: the first time it runs and its answer
 * is stored; afterwards the stored answer is given and `write` does not run.
 */
export async function once(tx: Queryable, r: KeyedRequest, write: () => Promise<Answer>): Promise<Answer> {
  // The claim: a concurrent transaction inserting the same key waits here until this one ends.
  const claimed = await tx.query(
    "INSERT INTO tenor_idempotency (key, method, path, request_sha256, status, body) VALUES ($1, $2, $3, $4, 0, '') ON CONFLICT (key) DO NOTHING RETURNING key",
    [storedKey(r), r.method, r.path, requestHash(r)],
  );
  if (claimed.length === 0) {
    const answer = await storedAnswer(tx, r);
    if (answer !== null) return answer;
  }
  const answer = await write();
  await tx.query("UPDATE tenor_idempotency SET status = $2, body = $3 WHERE key = $1", [storedKey(r), answer.status, JSON.stringify(answer.body)]);
  return answer;
}

/** Stores the answer of a write that ran in several transactions (settling), for a retry to get. */
export async function remember(db: Queryable, r: KeyedRequest, answer: Answer): Promise<void> {
  await db.query(
    "INSERT INTO tenor_idempotency (key, method, path, request_sha256, status, body) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING",
    [storedKey(r), r.method, r.path, requestHash(r), answer.status, JSON.stringify(answer.body)],
  );
}
