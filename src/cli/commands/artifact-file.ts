/** Reading a compiled artifact in CLI commands: recognizing one, and loading it with a CLI-shaped error. */
import { loadTerms } from "../../runtime/load-terms.ts";
import { TenorError } from "../../runtime/tenor-error.ts";
import type { Terms } from "../../runtime/terms.ts";
import { displayText } from "../../text/display.ts";
import { displayPath, type Io } from "../io.ts";

/** True for text that is (meant to be) an artifact: JSON objects only; a term sheet never starts with `{`. */
export function isArtifactText(text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text);
}

/** Loads and verifies an artifact, or prints `FILE: error: why [TN40xx]` and gives null. */
export function loadArtifact(io: Io, file: string, text: string): Terms | null {
  try {
    return loadTerms(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    if (!(e instanceof TenorError)) throw e;
    io.stderr(`${displayPath(file)}: ${displayText(`error: ${e.message} [${e.code}]`)}\n`);
    return null;
  }
}
