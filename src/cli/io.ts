/**
 * The CLI's window on the outside world: reading files and writing output.
 * Commands receive an `Io` so tests can run them without a process.
 *
 * The real one (docs/language.md §14 "Files and streams") reads at most a
 * bound of bytes from any file, device or pipe (`-` is standard input), so
 * `/dev/zero` or a 600 MB file costs only the bound; writes stdout with
 * `writeSync`, so a closed pipe or a full disk is an `OutputError` the
 * command line answers in one line instead of an unhandled stream error;
 * and replaces files through a temporary file renamed into place.
 */
import { chmodSync, closeSync, fstatSync, fsyncSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { isatty } from "node:tty";
import { exceedsUtf8Bytes, groupDigits } from "../limits.ts";
import { decodeUtf8, decodeUtf8Lossy, describeUtf8Error, type Utf8Error } from "../text/utf8.ts";
import { displayText } from "../text/display.ts";
import { EXIT, type ExitCode } from "./exit-codes.ts";

export interface Io {
  /** Writes to standard output; throws an `OutputError` when it cannot (a closed pipe, a full disk). */
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stdout is a terminal (the ledger then defaults to a table). */
  readonly isTerminal: boolean;
  /**
   * The bytes of a file (`-`: standard input), at most `maxBytes` + 1 of
   * them: a longer file, device or pipe gives `maxBytes` + 1 bytes, which
   * is how the caller knows it is too long. Throws like fs (`code` ENOENT,
   * EISDIR, EACCES…). A test fake may give the text instead of the bytes.
   */
  readonly readFile: (path: string, maxBytes: number) => Uint8Array | string;
  /**
   * Replaces a whole file with `text` (UTF-8): written to a temporary file
   * in the same directory and renamed into place, so a failed write leaves
   * the old file whole. Throws like fs.writeFileSync.
   */
  readonly writeFile: (path: string, text: string) => void;
  /** Whether two paths name the same existing file (same real path, or same device and inode). Absent: same resolved path. */
  readonly sameFile?: (a: string, b: string) => boolean;
}

/** `-` names standard input (and, for `compile -o`, standard output). */
export const STDIN = "-";

/** How messages name a path: `<stdin>` for `-`, hidden characters as U+XXXX. */
export function displayPath(path: string): string {
  return path === STDIN ? "<stdin>" : displayText(path);
}

/** Largest file the CLI reads that no `Limits` field bounds: a compiled artifact, a settle-many manifest. */
export const MAX_ARTIFACT_BYTES = 100_000_000;

/** Standard output (or another stream) could not be written. */
export class OutputError extends Error {
  constructor(
    /** What could not be written, as messages name it: `standard output`. */
    readonly target: string,
    /** The system's error code: EPIPE, ENOSPC, EIO… */
    readonly code: string,
  ) {
    super(`${target}: ${code}`);
  }
}

const errorCode = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? code : "EIO";
};

/** Why a file could not be read, in a few words. */
export function readReason(e: unknown): string {
  const code = errorCode(e);
  return code === "ENOENT" || code === "ENOTDIR" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" || code === "EPERM" ? "permission denied" : `cannot be read (${code})`;
}

const WRITE_REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such directory",
  ENOTDIR: "no such directory",
  EISDIR: "is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  EIO: "input/output error",
  EPIPE: "the reader closed the pipe",
};

/** `no space left on device (ENOSPC)`. */
export function writeReason(e: unknown): string {
  const code = errorCode(e);
  return `${WRITE_REASONS[code] ?? "write failed"} (${code})`;
}

/** One line for a file that could not be written; exit 2 (docs/language.md §14). */
export function writeFailed(io: Io, path: string, e: unknown): ExitCode {
  io.stderr(`tenor: ${displayPath(path)}: cannot be written: ${writeReason(e)}\n`);
  return EXIT.dataErrors;
}

/**
 * What the command line does when standard output fails: a closed pipe
 * (`tenor run … | head -1`) ends quietly with exit 0, the reader having
 * what it wanted; anything else (`> /dev/full`) is one line and exit 2.
 */
export function outputFailed(io: Io, e: OutputError): ExitCode {
  if (e.code === "EPIPE") return EXIT.ok;
  io.stderr(`tenor: ${e.target}: cannot be written: ${writeReason(e)}\n`);
  return EXIT.dataErrors;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Writes all of `bytes` to `fd`, waiting out EAGAIN (a non-blocking pipe that is full). */
function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      if (errorCode(e) !== "EAGAIN") throw e;
      sleep(1);
    }
  }
}

const CHUNK = 1 << 20;

/** What has been read of standard input: a second, larger read goes on where the first stopped. */
const stdin: { chunks: Buffer[]; total: number; ended: boolean } = { chunks: [], total: 0, ended: false };

/** Reads `fd` into `into` until it holds `cap` bytes or the end; `first` is the size of the first chunk. */
function readInto(fd: number, into: { chunks: Buffer[]; total: number; ended: boolean }, cap: number, first: number): void {
  let next = first;
  while (into.total < cap && !into.ended) {
    const buf = Buffer.allocUnsafe(Math.max(1, Math.min(next, cap - into.total)));
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = errorCode(e);
      if (code === "EAGAIN") {
        sleep(5);
        continue;
      }
      if (code !== "EOF") throw e; // EOF: standard input on Windows
      n = 0;
    }
    if (n === 0) {
      into.ended = true;
      break;
    }
    into.chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    into.total += n;
    next = CHUNK;
  }
}

const joined = (chunks: Buffer[], total: number, cap: number): Uint8Array => {
  const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  return all.length > cap ? all.subarray(0, cap) : all;
};

/** At most `maxBytes` + 1 bytes of a file, device or pipe (`-`: standard input), in chunks; throws like fs. */
export function readBounded(path: string, maxBytes: number): Uint8Array {
  const cap = Math.max(0, Math.floor(maxBytes)) + 1;
  if (path === STDIN) {
    if (stdin.total < cap && !stdin.ended) {
      if (fstatSync(0).isDirectory()) throw Object.assign(new Error("EISDIR: illegal operation on a directory, read"), { code: "EISDIR" });
      readInto(0, stdin, cap, CHUNK);
      if (stdin.chunks.length > 1) stdin.chunks = [Buffer.concat(stdin.chunks, stdin.total)];
    }
    return joined(stdin.chunks, stdin.total, cap);
  }
  const fd = openSync(path, "r");
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: "EISDIR" });
    // A regular file says how long it is; a device or a pipe is read a chunk at a time. Never more than the bound.
    const got = { chunks: [] as Buffer[], total: 0, ended: false };
    readInto(fd, got, cap, stat.isFile() ? Math.min(cap, stat.size + 1) : CHUNK);
    return joined(got.chunks, got.total, cap);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `path` with `text` (one string, or pieces written one after
 * the other: a ledger too large for one string) through a temporary file in the same
 * directory, renamed into place (the file keeps its permissions; a symbolic
 * link keeps pointing at it). A device or a pipe (`/dev/stdout`, `/dev/full`)
 * is written in place: renaming over it would replace it.
 */
export function writeFileSafely(path: string, text: string | Iterable<string>): void {
  let target = path;
  let stat: Stats | null = null;
  try {
    target = realpathSync(path);
    stat = statSync(target);
  } catch (e) {
    if (errorCode(e) !== "ENOENT") throw e;
    target = path;
  }
  if (stat?.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: "EISDIR" });
  const pieces = typeof text === "string" ? [text] : text;
  if (stat !== null && !stat.isFile()) {
    const fd = openSync(target, "w");
    try {
      for (const piece of pieces) writeAll(fd, Buffer.from(piece, "utf8"));
    } finally {
      closeSync(fd);
    }
    return;
  }
  const mode = stat === null ? null : stat.mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  const fd = openSync(temp, "wx", mode ?? 0o666);
  let open = true;
  try {
    for (const piece of pieces) writeAll(fd, Buffer.from(piece, "utf8"));
    fsyncSync(fd);
    open = false;
    closeSync(fd);
    if (mode !== null) chmodSync(temp, mode); // openSync's mode is masked by the umask
    renameSync(temp, target);
  } catch (e) {
    if (open) {
      try {
        closeSync(fd);
      } catch {
        // the write error is the one to report
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // nothing left to clean up
    }
    throw e;
  }
}

/** Same real path, or the same device and inode (a hard link); false when either cannot be found. */
export function sameFileOnDisk(a: string, b: string): boolean {
  if (a === STDIN || b === STDIN) return false;
  try {
    if (realpathSync(a) === realpathSync(b)) return true;
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.ino !== 0 && sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

export const processIo: Io = {
  stdout: (text) => {
    try {
      writeAll(1, Buffer.from(text, "utf8"));
    } catch (e) {
      throw new OutputError("standard output", errorCode(e));
    }
  },
  stderr: (text) => {
    try {
      writeAll(2, Buffer.from(text, "utf8"));
    } catch {
      // Nowhere left to say it.
    }
  },
  isTerminal: isatty(1),
  readFile: readBounded,
  writeFile: writeFileSafely,
  sameFile: sameFileOnDisk,
};

/** Whether two paths name the same file, by the Io's rule. */
export function sameFile(io: Io, a: string, b: string): boolean {
  if (a === STDIN || b === STDIN) return false;
  return io.sameFile ? io.sameFile(a, b) : resolve(a) === resolve(b);
}

/** A file's text, or why there is none. */
export type TextRead =
  | { readonly kind: "text"; readonly text: string }
  /** `path: reason`. */
  | { readonly kind: "unreadable"; readonly error: string }
  /** Longer than the bound: the text of its first `maxBytes` + 1 bytes (bad UTF-8 as U+FFFD), which the size limit refuses. */
  | { readonly kind: "tooLarge"; readonly text: string }
  | { readonly kind: "invalid"; readonly utf8: Utf8Error };

/** Reads at most `maxBytes` (+ 1) bytes of a file and decodes them strictly as UTF-8. */
export function readText(io: Io, path: string, maxBytes: number): TextRead {
  let got: Uint8Array | string;
  try {
    got = io.readFile(path, maxBytes);
  } catch (e) {
    return { kind: "unreadable", error: `${displayPath(path)}: ${readReason(e)}` };
  }
  if (typeof got === "string") return exceedsUtf8Bytes(got, maxBytes) ? { kind: "tooLarge", text: got } : { kind: "text", text: got };
  if (got.length > maxBytes) return { kind: "tooLarge", text: decodeUtf8Lossy(got) };
  const decoded = decodeUtf8(got);
  return "text" in decoded ? { kind: "text", text: decoded.text } : { kind: "invalid", utf8: decoded.invalid };
}

/** Reads a file, or returns the reason it could not be read (without a stack trace): too large and not UTF-8 included. */
export function tryRead(io: Io, path: string, maxBytes: number = MAX_ARTIFACT_BYTES): { text: string } | { error: string } {
  const read = readText(io, path, maxBytes);
  switch (read.kind) {
    case "text":
      return { text: read.text };
    case "unreadable":
      return { error: read.error };
    case "tooLarge":
      return { error: `${displayPath(path)}: larger than ${groupDigits(maxBytes)} bytes, the most tenor reads of it` };
    case "invalid":
      return { error: `${displayPath(path)}: not valid UTF-8: ${describeUtf8Error(read.utf8)}` };
  }
}
