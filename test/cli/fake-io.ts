/** An in-memory `Io` for running CLI commands in tests. */
import type { Io } from "../../src/cli/io.ts";

export interface FakeIo extends Io {
  readonly out: () => string;
  readonly err: () => string;
}

export function fakeIo(files: Record<string, string>, isTerminal = false): FakeIo {
  let out = "";
  let err = "";
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    isTerminal,
    writeFile: (path, text) => void (files[path] = text),
    readFile: (path) => {
      if (!Object.hasOwn(files, path)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return files[path]!;
    },
    out: () => out,
    err: () => err,
  };
}
