/** SHA-256 of text (UTF-8), as lowercase hex: the hashes of compiled artifacts. */
import { createHash } from "node:crypto";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
