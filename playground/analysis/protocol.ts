/** Messages between the editor thread and the analysis worker. */
import type { AnalysisRequest, AnalysisResult } from "../../src/editor/analyze.ts";
import type { ExplainDocument } from "../../src/explain/index.ts";
import type { CompareOutcome } from "./compare.ts";
import type { BoundJson } from "../../src/risk/bound/index.ts";

/** One state to analyse: the editor's source and inputs, and the version kept to compare it with. */
export interface WorkerRequest extends AnalysisRequest {
  /** The source the user kept ("Keep this version"), or null when not comparing. */
  readonly kept: string | null;
}

export type WorkerReply =
  | {
    readonly ok: true;
    readonly result: AnalysisResult;
    /** The sheet in English (`tenor explain`), from the checked program that settled; null when it has errors. */
    readonly explain: ExplainDocument | null;
    /** Why the explanation failed (a defect in src/explain, shown in its tab rather than failing the analysis). */
    readonly explainFailure: string | null;
    /** The redline from the kept version to this one, on these inputs. */
    readonly compare: CompareOutcome;
    /** Time spent analysing, in the worker. */
    readonly millis: number;
    /** The Risk tab's bound (null: the sheet has errors). */
    readonly bound: BoundJson | null;
  }
  | { readonly ok: false; readonly version: number; readonly error: string };
