/**
 * The compiled-terms artifact: what `tenor compile` writes and the runtime's
 * `loadTerms` reads (docs/artifact.md). Shared by both sides, so it holds
 * only the shape and the version, no code.
 */
import type { TermsHeader, TermsIr } from "./ir.ts";

/** The `format` of every artifact. */
export const ARTIFACT_FORMAT = "tenor-terms";

/**
 * The version of the artifact format and of the IR inside it. Bumped by
 * any change an older runtime could misread (docs/artifact.md: "Versioning");
 * a runtime refuses any version it does not know.
 */
export const FORMAT_VERSION = 3;

/** Who compiled the artifact. */
export interface CompilerInfo {
  readonly name: string;
  readonly version: string;
}

/** A compiled term sheet. */
export interface Artifact {
  readonly format: typeof ARTIFACT_FORMAT;
  readonly formatVersion: number;
  readonly compiler: CompilerInfo;
  /** SHA-256 (hex) of the term sheet's source text, UTF-8. */
  readonly sourceSha256: string;
  /** The deal header, the same as `ir.header` (for readers that do not want the IR). */
  readonly header: TermsHeader;
  readonly ir: TermsIr;
  /** SHA-256 (hex) of the canonical JSON of `ir` (src/ir/canonical-json.ts). */
  readonly irSha256: string;
}
