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
 *
 * Version 4 adds declared input ranges (`ranges`) and event count bounds
 * (`header.events[].limit`). An IR without them means what it meant in
 * version 3 and is still written as version 3, so the artifacts of term
 * sheets that do not use them stay as they were; one that uses them is
 * version 4, which a version-3 runtime refuses instead of settling data
 * the term sheet rules out.
 */
export const FORMAT_VERSION = 4;

/** The versions this runtime reads: every IR of version 3 is also an IR of version 4 without its new fields. */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [3, 4];

/** The version an IR needs: 4 when it uses ranges or event count bounds, else 3. */
export function formatVersionOf(ir: TermsIr): number {
  return ir.ranges !== undefined || ir.header.events.some((e) => e.limit !== undefined) ? 4 : 3;
}

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
