/**
 * Bytes → text, strictly (docs/language.md §14 "Source text"): a term sheet
 * or an inputs file must be UTF-8. A decoder that turns bad bytes into
 * U+FFFD would let a corrupted file check "ok" and `fmt --write` rewrite its
 * bytes; this one answers with the first bad byte instead. A byte order
 * mark is kept as U+FEFF (the lexer and the loaders skip it), so offsets
 * are those of the text an editor shows. Works in Node and browsers alike.
 */

/** Where the bytes stop being UTF-8, and the text to show them with. */
export interface Utf8Error {
  /** Byte offset of the first byte of the ill-formed sequence. */
  readonly byteOffset: number;
  /** The ill-formed bytes (a lone byte, or an incomplete character: its lead byte and the continuation bytes that did come). */
  readonly bytes: readonly number[];
  /** True when the file ends in the middle of a character. */
  readonly atEnd: boolean;
  /** The text with every ill-formed sequence as U+FFFD (for a snippet only: it is not the file's text). */
  readonly lossyText: string;
  /** Offset in `lossyText` (UTF-16 code units) of the U+FFFD standing for the first ill-formed sequence. */
  readonly textOffset: number;
}

export type Utf8Result = { readonly text: string } | { readonly invalid: Utf8Error };

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder("utf-8", { ignoreBOM: true });

/** The text of UTF-8 bytes, or where they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const bad = firstIllFormed(bytes);
    // Should not happen (the decoder and the scan agree on UTF-8); be safe rather than throw.
    if (bad === null) return { text: lossy.decode(bytes) };
    return {
      invalid: {
        byteOffset: bad.offset,
        bytes: [...bytes.subarray(bad.offset, bad.offset + bad.length)],
        atEnd: bad.atEnd,
        lossyText: lossy.decode(bytes),
        textOffset: strict.decode(bytes.subarray(0, bad.offset)).length,
      },
    };
  }
}

/** The text of bytes with ill-formed sequences as U+FFFD (for text that is refused anyway, e.g. past a size limit). */
export function decodeUtf8Lossy(bytes: Uint8Array): string {
  return lossy.decode(bytes);
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;

/** `byte 57 (0xFF) cannot appear in UTF-8`, `bytes 57–58 (0xE2 0x82) are an incomplete UTF-8 character`. */
export function describeUtf8Error(e: Utf8Error): string {
  const shown = e.bytes.map(hex).join(" ");
  if (e.bytes.length === 1) {
    const b = e.bytes[0]!;
    const why = b >= 0x80 && b <= 0xbf ? "is a continuation byte without a character to continue"
      : b >= 0xc2 && b <= 0xf4 ? (e.atEnd ? "starts a character that the end of the file cuts off" : "starts a character that is not completed")
      : "cannot appear in UTF-8";
    return `byte ${e.byteOffset} (${shown}) ${why}`;
  }
  const last = e.byteOffset + e.bytes.length - 1;
  return `bytes ${e.byteOffset}–${last} (${shown}) are an incomplete UTF-8 character${e.atEnd ? " at the end of the file" : ""}`;
}

/**
 * The first ill-formed sequence (Unicode 15, table 3-7; the "maximal
 * subpart" that a decoder replaces by one U+FFFD), or null.
 */
export function firstIllFormed(bytes: Uint8Array): { offset: number; length: number; atEnd: boolean } | null {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return { offset: i, length: 1, atEnd: false };
    for (let k = 1; k <= need; k++) {
      const c = i + k < n ? bytes[i + k]! : -1;
      const ok = k === 1 ? c >= lo && c <= hi : c >= 0x80 && c <= 0xbf;
      if (!ok) return { offset: i, length: k, atEnd: c === -1 };
    }
    i += need + 1;
  }
  return null;
}
