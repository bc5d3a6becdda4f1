/** Messages from the analysis worker to the editor thread. */
import type { AnalysisResult } from "../../src/editor/analyze.ts";

export type WorkerReply =
  | { readonly ok: true; readonly result: AnalysisResult; /** Time spent analysing, in the worker. */ readonly millis: number }
  | { readonly ok: false; readonly version: number; readonly error: string };
