/** Messages from the analysis worker to the editor thread. */
import type { AnalysisResult } from "../../src/editor/analyze.ts";
import type { BoundJson } from "../../src/risk/bound/index.ts";

export type WorkerReply =
  | { readonly ok: true; readonly result: AnalysisResult; /** Time spent analysing, in the worker. */ readonly millis: number; /** The Risk tab's bound (null: the sheet has errors). */ readonly bound?: BoundJson | null }
  | { readonly ok: false; readonly version: number; readonly error: string };
