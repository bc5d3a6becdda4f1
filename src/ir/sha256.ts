/**
 * SHA-256 of text (UTF-8), as lowercase hex: the hashes of compiled
 * artifacts. @noble/hashes (audited, dependency-free) runs the same in Node
 * and in the browser, so the playground and a service verify an artifact
 * with one implementation, and the runtime needs nothing of node:crypto.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
