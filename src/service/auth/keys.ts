/**
 * API keys: `tnr_<id>_<secret>`, the secret 32 random bytes. Printed once
 * when created; stored only as a salted scrypt hash (node:crypto's scrypt,
 * memory-hard), compared in constant time. A verified key is remembered
 * for a short while by the SHA-256 of its text, so a busy client does not
 * pay scrypt on every request; a revoked key is refused within that time.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt) as (password: Buffer, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;

/** scrypt's cost: 2^14 × 8 × 128 bytes = 16 MiB per hash, tens of milliseconds. */
const COST = { N: 1 << 14, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

export interface NewKey {
  /** The key's public id (in logs and the audit log). */
  readonly id: string;
  /** The whole key, shown once. */
  readonly text: string;
  /** What is stored: `scrypt$N$r$p$salt$hash` (base64url). */
  readonly hash: string;
}

export async function newKey(): Promise<NewKey> {
  const id = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { id, text: `tnr_${id}_${secret}`, hash: await hashSecret(secret) };
}

async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(Buffer.from(secret), salt, KEY_LENGTH, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

/** The id and secret of a key's text, or null when it is not a key's shape. */
export function parseKey(text: string): { id: string; secret: string } | null {
  const m = /^tnr_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(text);
  return m === null ? null : { id: m[1]!, secret: m[2]! };
}

export async function secretMatches(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, "base64url");
  const got = await scryptAsync(Buffer.from(secret), Buffer.from(salt, "base64url"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** Verified keys by the SHA-256 of their text, each until a time (milliseconds of the monotonic clock). */
export class VerifiedKeys<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();
  constructor(private readonly ttlMs: number, private readonly now: () => number, private readonly max = 10_000) {}

  get(text: string): T | undefined {
    const k = digest(text);
    const e = this.entries.get(k);
    if (e === undefined) return undefined;
    if (e.until < this.now()) {
      this.entries.delete(k);
      return undefined;
    }
    return e.value;
  }

  set(text: string, value: T): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(digest(text), { value, until: this.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
