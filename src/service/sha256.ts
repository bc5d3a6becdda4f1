/**
 * SHA-256 of text (UTF-8) as lowercase hex, for the service's own hashes
 * (stored data, settled periods, the audit chain, requests): the same
 * digest as ../ir/sha256.ts, from node:crypto, which is native and several
 * times faster than the portable implementation the runtime and the
 * browser share. The service runs only on Node.
 */
import { createHash } from "node:crypto";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
