/** Timing helpers for `npm run bench`: medians over repeated runs, in one process. */
export interface Timing {
  readonly first: number;
  readonly median: number;
}

export function measure(run: () => unknown, repeats = 5): Timing {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { first: times[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
}

export const ms = (x: number) => `${x.toFixed(1)} ms`;
export const ratio = (x: number, base: number) => `${(x / base).toFixed(2)}x`;
