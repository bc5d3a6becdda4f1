/**
 * Edit-to-screen latency, measured in the page: from the keystroke (the
 * key event's timestamp) to the moment the markers and the ledger for the
 * resulting text are applied, and to the next painted frame after that.
 * The browser test reads these figures (docs/performance.md).
 */

export interface LatencySample {
  readonly version: number;
  /** Keystroke → markers and ledger applied to the page, in ms. */
  readonly applied: number;
  /** Keystroke → the next frame after that, in ms. */
  readonly painted: number;
  /** Time the worker spent analysing, in ms. */
  readonly analysis: number;
}

// A key event older than this did not cause the edit being submitted.
const KEY_WINDOW_MS = 250;

export class LatencyTracker {
  private lastKeyAt: number | null = null;
  private readonly started = new Map<number, number>();
  readonly samples: LatencySample[] = [];
  /** When the first markers were applied, in ms since navigation start. */
  firstResultAt: number | null = null;

  noteKey(timeStamp: number): void {
    this.lastKeyAt = timeStamp;
  }

  noteSubmit(version: number): void {
    const now = performance.now();
    const key = this.lastKeyAt;
    this.started.set(version, key !== null && now - key < KEY_WINDOW_MS ? key : now);
  }

  noteApplied(version: number, analysis: number): void {
    const applied = performance.now();
    this.firstResultAt ??= applied;
    const t0 = this.started.get(version);
    for (const v of this.started.keys()) if (v <= version) this.started.delete(v);
    if (t0 === undefined) return;
    requestAnimationFrame(() => {
      this.samples.push({ version, applied: applied - t0, painted: performance.now() - t0, analysis });
      if (this.samples.length > 500) this.samples.shift();
    });
  }
}
