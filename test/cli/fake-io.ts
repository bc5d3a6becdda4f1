/** An in-memory `Io` for running CLI commands in tests. */
import { readFileSync, writeFileSync } from "node:fs";
import { normalize } from "node:path";
import type { Io } from "../../src/cli/io.ts";

export interface FakeIo extends Io {
  readonly out: () => string;
  readonly err: () => string;
  /** Every read: the path and the byte bound it was given. */
  readonly reads: () => readonly { path: string; maxBytes: number }[];
}

/**
 * `files` maps paths to their text, or to their bytes (to test encodings and
 * bounds); `-` is standard input. Bytes are given as the real Io gives them:
 * at most `maxBytes` + 1. Written files are stored as text.
 */
export function fakeIo(files: Record<string, string | Uint8Array>, isTerminal = false): FakeIo {
  let out = "";
  let err = "";
  const reads: { path: string; maxBytes: number }[] = [];
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    isTerminal,
    writeFile: (path, text) => void (files[path] = text),
    readFile: (path, maxBytes) => {
      reads.push({ path, maxBytes });
      if (!Object.hasOwn(files, path)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      const content = files[path]!;
      return typeof content === "string" ? content : content.subarray(0, maxBytes + 1);
    },
    sameFile: (a, b) => normalize(a) === normalize(b) && (Object.hasOwn(files, a) || Object.hasOwn(files, normalize(a))),
    out: () => out,
    err: () => err,
    reads: () => reads,
  };
}

/** An Io on the real file system that keeps what is printed. */
export function realIo(): { readonly io: Io; readonly out: () => string; readonly err: () => string } {
  let out = "";
  let err = "";
  const io: Io = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    isTerminal: false,
    readFile: (p) => readFileSync(p, "utf8"),
    writeFile: (p, t) => writeFileSync(p, t, "utf8"),
  };
  return { io, out: () => out, err: () => err };
}

/** A small deal every CLI test can run: one clause, two quarters. */
export const FEE_DEAL = `deal "Fee deal"
parties {
  vendor: "GPU vendor"
  operator: "AI cloud operator"
}
term 2026-07-01 to 2026-12-31, quarterly
currency USD
input revenue: USD
clause share "Revenue share" {
  operator pays vendor revenue * 10%
}
`;
