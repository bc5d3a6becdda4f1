/**
 * The Tenor runtime: what production services import to settle compiled
 * terms (`tenor compile` artifacts, docs/artifact.md) without the parser or
 * the checker. Built to dist/runtime.mjs and published as `tenor/runtime`.
 *
 *   import { loadTerms, settle } from "tenor/runtime";
 *   const terms = loadTerms(readFileSync("deal.json", "utf8"));
 *   const ledger = settle(terms, readFileSync("inputs.json", "utf8"));
 *
 * Errors are thrown as TenorError (code, message, clause / period / field).
 */
export { loadTerms } from "./load-terms.ts";
export type { LoadOptions } from "./load-terms.ts";
export { settle, settlePeriod } from "./settle.ts";
export type { PeriodSettlement, SettleOptions } from "./settle.ts";
export { TenorError } from "./tenor-error.ts";
export type { TenorErrorDetails } from "./tenor-error.ts";
export type { Terms } from "./terms.ts";
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "./snapshot.ts";
export type { Snapshot } from "./snapshot.ts";
export { ARTIFACT_FORMAT, FORMAT_VERSION } from "../ir/artifact-format.ts";
export type { Artifact, CompilerInfo } from "../ir/artifact-format.ts";
export type { TermsHeader, TermsIr } from "../ir/ir.ts";
export type { Ledger, LedgerGrant, LedgerLine, LedgerPeriod, LedgerTotal, NetTransfer, TraceEntry } from "../ledger/ledger.ts";
export type { Diagnostic } from "../diagnostics/diagnostic.ts";
