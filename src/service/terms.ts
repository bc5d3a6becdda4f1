/**
 * What a deal's terms arrive as — a term sheet (with its imports: the
 * stdlib, or files sent beside it) or a compiled artifact — turned into a
 * verified artifact the service stores, and loaded terms kept by IR hash so
 * a deal's periods do not re-verify its artifact each time.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compileSource } from "../api.ts";
import { renderDiagnostics } from "../diagnostics/render.ts";
import { SERVICE } from "../diagnostics/codes/service.ts";
import { canonicalJson } from "../ir/canonical-json.ts";
import { bundledHost } from "../modules/bundled-host.ts";
import { findStdlib } from "../modules/node-host.ts";
import { loadTerms } from "../runtime/load-terms.ts";
import { TenorError } from "../runtime/tenor-error.ts";
import type { Terms } from "../runtime/terms.ts";
import { diagnosticsOf, Problem } from "./problem.ts";

/** A deal's terms as a request carries them: exactly one of `source` and `artifact`. */
export interface TermsInput {
  /** A term sheet. */
  readonly source?: string;
  /** Files its relative imports name, by path (`deals/common.tenor`); `stdlib/…` comes with the service. */
  readonly files?: Readonly<Record<string, string>>;
  /** An artifact of `tenor compile`. */
  readonly artifact?: Record<string, unknown>;
}

export interface StoredTerms {
  /** The artifact's JSON text, as stored. */
  readonly artifact: string;
  readonly terms: Terms;
}

let stdlibFiles: Record<string, string> | null = null;

/** The stdlib shipped with this installation, by the path imports use. */
function stdlib(): Record<string, string> {
  if (stdlibFiles !== null) return stdlibFiles;
  const dir = findStdlib();
  const files: Record<string, string> = Object.create(null) as Record<string, string>;
  if (dir !== null) {
    for (const name of readdirSync(dir).sort()) if (name.endsWith(".tenor")) files[`stdlib/${name}`] = readFileSync(join(dir, name), "utf8");
  }
  return (stdlibFiles = files);
}

/** `\u0000` in JSON text, not preceded by an escaped backslash: a string holding U+0000 (canonical JSON always escapes it). */
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;

/** The verified artifact for `input`; a Problem (422) naming every diagnostic when the sheet does not check or the artifact is refused. */
export function termsFrom(input: TermsInput): StoredTerms {
  if ((input.source === undefined) === (input.artifact === undefined)) {
    throw new Problem(400, SERVICE.badRequest, 'give the terms as exactly one of "source" (a term sheet) and "artifact" (a compiled artifact)', { field: "source" });
  }
  let artifactText: string;
  if (input.source !== undefined) {
    const files: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, stdlib());
    for (const [path, text] of Object.entries(input.files ?? {})) if (!path.startsWith("stdlib/")) files[path] = text;
    const compiled = compileSource(input.source, { modules: bundledHost(files) });
    if (compiled.value === null) {
      const errors = compiled.diagnostics.filter((d) => d.severity === "error");
      throw new Problem(422, SERVICE.sourceErrors, renderDiagnostics(errors, "deal.tenor", input.source, compiled.files), {
        diagnostics: diagnosticsOf(compiled.diagnostics, input.source),
      });
    }
    artifactText = canonicalJson(compiled.value);
  } else {
    artifactText = canonicalJson(input.artifact);
  }
  if (NUL_ESCAPE.test(artifactText)) {
    throw new Problem(400, SERVICE.badRequest, "the terms hold the character U+0000 in a string (a title, a name): the database cannot store it", { field: input.source !== undefined ? "source" : "artifact" });
  }
  try {
    return { artifact: artifactText, terms: loadTerms(artifactText) };
  } catch (e) {
    if (e instanceof TenorError) throw Problem.fromTenorError(e);
    throw e;
  }
}

const LOADED = new Map<string, Terms>();
const KEEP = 256;

/** The terms loaded already under this IR hash, if any (marked most recently used). */
export function loadedTerms(irSha256: string): Terms | undefined {
  const hit = LOADED.get(irSha256);
  if (hit !== undefined) {
    LOADED.delete(irSha256);
    LOADED.set(irSha256, hit);
  }
  return hit;
}

/**
 * The terms of a stored artifact, loaded once per process (most recently
 * used kept). Kept by the hash its row names, so the artifact must hash to
 * it: loading verifies the artifact against its own hash, and that must be
 * the row's.
 */
export function storedTerms(irSha256: string, artifact: string): Terms {
  const hit = loadedTerms(irSha256);
  if (hit !== undefined) return hit;
  const terms = loadTerms(artifact);
  if (terms.irSha256 !== irSha256) throw new Error(`a stored artifact hashes to ${terms.irSha256}, but its row names ${irSha256}`);
  LOADED.set(irSha256, terms);
  if (LOADED.size > KEEP) LOADED.delete(LOADED.keys().next().value!);
  return terms;
}
