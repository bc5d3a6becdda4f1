/**
 * The analysis worker: runs Tenor's pipeline (src/editor/analyze.ts, the
 * CLI's own check → run → test) off the editor thread. The editor sends a
 * request only when the previous one has been answered (client.ts), so a
 * burst of keystrokes costs one analysis, not one per key. The English
 * explanation and the redline (Compare mode, ./compare.ts) are built from
 * the same check the ledger settles.
 */
import { checkSource, type CheckResult } from "../../src/api.ts";
import { analyzeChecked } from "../../src/editor/analyze.ts";
import { explainProgram, type ExplainDocument } from "../../src/explain/index.ts";
import { KeptVersion } from "./compare.ts";
import type { WorkerReply, WorkerRequest } from "./protocol.ts";
import { STDLIB_HOST } from "./stdlib.ts";
import { boundView } from "./bound-view.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}
const scope = self as unknown as WorkerScope;
const options = { modules: STDLIB_HOST };
const kept = new KeptVersion(options);

function explainChecked(checked: CheckResult): { explain: ExplainDocument | null; explainFailure: string | null } {
  if (checked.value === null) return { explain: null, explainFailure: null };
  try {
    return { explain: explainProgram(checked.value, checked), explainFailure: null };
  } catch (e) {
    return { explain: null, explainFailure: e instanceof Error ? e.message : String(e) };
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  const started = performance.now();
  try {
    const checked = checkSource(request.source, options);
    const result = analyzeChecked(request, checked, options);
    const { explain, explainFailure } = explainChecked(checked);
    const compare = kept.compare(request.kept, checked, result, request.inputs);
    const bound = boundView(checked);
    scope.postMessage({ ok: true, result, explain, explainFailure, compare, millis: performance.now() - started, bound });
  } catch (e) {
    // analyze never throws on bad input; this is a defect, shown rather than swallowed.
    scope.postMessage({ ok: false, version: request.version, error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) });
  }
};
