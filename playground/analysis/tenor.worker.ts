/**
 * The analysis worker: runs Tenor's pipeline (src/editor/analyze.ts, the
 * CLI's own check → run → test) off the editor thread. The editor sends a
 * request only when the previous one has been answered (client.ts), so a
 * burst of keystrokes costs one analysis, not one per key.
 */
import { analyze } from "../../src/editor/analyze.ts";
import type { AnalysisRequest } from "../../src/editor/analyze.ts";
import type { WorkerReply } from "./protocol.ts";
import { STDLIB_HOST } from "./stdlib.ts";
import { boundView } from "./bound-view.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const request = event.data;
  const started = performance.now();
  try {
    const result = analyze(request, { modules: STDLIB_HOST });
    const bound = boundView(request.source, STDLIB_HOST);
    scope.postMessage({ ok: true, result, millis: performance.now() - started, bound });
  } catch (e) {
    // analyze never throws on bad input; this is a defect, shown rather than swallowed.
    scope.postMessage({ ok: false, version: request.version, error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) });
  }
};
