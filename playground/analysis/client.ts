/**
 * The editor thread's side of the analysis worker. Every edit gets a new
 * version number; at most one request is in flight, and a newer state
 * waits until it returns. Results for any version but the newest are
 * dropped, so the page never shows the markers or ledger of text that is
 * no longer in the editor.
 */
import type { AnalysisResult } from "../../src/editor/analyze.ts";
import TenorWorker from "./tenor.worker.ts?worker";
import type { WorkerReply, WorkerRequest } from "./protocol.ts";

/** One analysis as the page shows it: the worker's reply without its `ok` (./protocol.ts documents each field). */
export type AnalysisEvent = Omit<Extract<WorkerReply, { ok: true }>, "ok">;

export class AnalysisClient {
  private readonly worker: Worker = new TenorWorker();
  private version = 0;
  private inFlight = false;
  private queued: WorkerRequest | null = null;
  private latest: AnalysisResult | null = null;
  private latestEvent: AnalysisEvent | null = null;
  private readonly waiters: { version: number; resolve: (r: AnalysisResult | null) => void }[] = [];
  private onResult: ((event: AnalysisEvent) => void) | null = null;
  private onFailure: ((message: string) => void) | null = null;
  private failures: string[] = [];
  private kept: string | null = null;

  /** Starts the worker at once: it loads and analyses while the editor is still loading. */
  constructor() {
    this.worker.onmessage = (event: MessageEvent<WorkerReply>) => this.receive(event.data);
    this.worker.onerror = (event) => this.fail(`the analysis worker failed: ${event.message}`);
  }

  /** Connects the page; a result or failure that arrived before is delivered now. */
  connect(onResult: (event: AnalysisEvent) => void, onFailure: (message: string) => void): void {
    this.onResult = onResult;
    this.onFailure = onFailure;
    for (const f of this.failures) onFailure(f);
    this.failures = [];
    if (this.latestEvent !== null) onResult(this.latestEvent);
  }

  private fail(message: string): void {
    if (this.onFailure === null) this.failures.push(message);
    else this.onFailure(message);
  }

  /** The version of the newest state submitted. */
  get currentVersion(): number {
    return this.version;
  }

  /** The newest result applied (it may be for an older version while an analysis runs). */
  get latestResult(): AnalysisResult | null {
    return this.latest;
  }

  /** Submits a new state; returns its version. */
  submit(source: string, inputs: string): number {
    this.version += 1;
    const request: WorkerRequest = { version: this.version, source, inputs, kept: this.kept };
    if (this.inFlight) this.queued = request;
    else this.send(request);
    return this.version;
  }

  /** Compare mode: later states are compared with `source` (null: stop comparing). Takes effect at the next submit. */
  keep(source: string | null): void {
    this.kept = source;
  }

  /** The kept version's source, or null. */
  get keptSource(): string | null {
    return this.kept;
  }

  /** The result for `version` or newer; null when it does not arrive within `timeoutMs`. */
  resultFor(version: number, timeoutMs = 1000): Promise<AnalysisResult | null> {
    if (this.latest !== null && this.latest.version >= version) return Promise.resolve(this.latest);
    return new Promise((resolve) => {
      const waiter = { version, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          resolve(null);
        }
      }, timeoutMs);
    });
  }

  private send(request: WorkerRequest): void {
    this.inFlight = true;
    this.worker.postMessage(request);
  }

  private receive(reply: WorkerReply): void {
    if (this.latestEvent === null) performance.mark("tenor:first-analysis-received");
    this.inFlight = false;
    if (this.queued !== null) {
      const next = this.queued;
      this.queued = null;
      this.send(next);
    }
    if (!reply.ok) {
      this.fail(reply.error);
      return;
    }
    // A stale result (the text changed since it was requested) is dropped.
    if (reply.result.version !== this.version) return;
    this.latest = reply.result;
    this.latestEvent = { result: reply.result, explain: reply.explain, explainFailure: reply.explainFailure, compare: reply.compare, millis: reply.millis, bound: reply.bound };
    this.onResult?.(this.latestEvent);
    for (const w of this.waiters.filter((x) => x.version <= reply.result.version)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(reply.result);
    }
  }
}
