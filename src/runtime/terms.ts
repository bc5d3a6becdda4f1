/** Terms: a program ready to settle, with where it came from (a verified artifact, load-terms.ts). */
import type { CompilerInfo } from "../ir/artifact-format.ts";
import type { TermsHeader } from "../ir/ir.ts";
import type { PreparedProgram } from "./prepare.ts";

export interface Terms {
  /** The deal header: title, parties, term, currency, inputs, events. */
  readonly header: TermsHeader;
  /** The artifact format version the terms were read from. */
  readonly formatVersion: number;
  /** Who compiled them (null when not read from an artifact). */
  readonly compiler: CompilerInfo | null;
  /** SHA-256 of the source (null when not read from an artifact). */
  readonly sourceSha256: string | null;
  /** SHA-256 of the canonical IR (null when not read from an artifact): what snapshots are tied to. */
  readonly irSha256: string | null;
  /** The evaluation form. Internal: its shape may change in any release. */
  readonly program: PreparedProgram;
}

