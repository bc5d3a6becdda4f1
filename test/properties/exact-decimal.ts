/**
 * Exact decimals for the property tests, independent of src/: n × 10^-e
 * with BigInt, so a test's expected values never share code with what it
 * checks.
 */

/** n × 10^-e, exactly. */
export interface Dec {
  readonly n: bigint;
  readonly e: number;
}

export const pow10 = (k: number): bigint => 10n ** BigInt(k);

export function dec(text: string): Dec {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) throw new Error(`not a decimal: ${text}`);
  const frac = m[3] ?? "";
  return { n: BigInt(`${m[1]}${m[2]}${frac}`), e: frac.length };
}

export const at = (a: Dec, e: number): bigint => a.n * pow10(e - a.e);
export const add = (a: Dec, b: Dec): Dec => {
  const e = Math.max(a.e, b.e);
  return { n: at(a, e) + at(b, e), e };
};
export const neg = (a: Dec): Dec => ({ n: -a.n, e: a.e });
export const mulInt = (a: Dec, k: bigint): Dec => ({ n: a.n * k, e: a.e });
/** a × 10^-places. */
export const shift = (a: Dec, places: number): Dec => ({ n: a.n, e: a.e + places });
export const halfOf = (a: Dec): Dec => ({ n: a.n * 5n, e: a.e + 1 });
export const timesTenTo = (a: Dec, k: number): Dec => (k <= 0 ? { n: a.n, e: a.e - k } : { n: a.n * pow10(k), e: a.e });
export const cmp = (a: Dec, b: Dec): number => {
  const e = Math.max(a.e, b.e);
  const d = at(a, e) - at(b, e);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

/** Canonical text: no trailing zeros, no exponent, `0` for zero. */
export function canon(a: Dec): string {
  let { n, e } = a;
  while (e > 0 && n % 10n === 0n) {
    n /= 10n;
    e--;
  }
  const sign = n < 0n ? "-" : "";
  const digits = (n < 0n ? -n : n).toString().padStart(e + 1, "0");
  return e === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -e)}.${digits.slice(-e)}`;
}

/**
 * Per period, in order, the traced values of the names `pattern` matches,
 * by the number its one group captures (`c12`, `r3`): what a ledger JSON
 * with traces says a run settled each named value at. `exact`: a value
 * that does not terminate as its fraction `n/d`, not its 20-place reading.
 */
export function tracedValues(ledgerJson: string, pattern: RegExp, exact = false): Map<number, string>[] {
  const ledger = JSON.parse(ledgerJson) as { periods: { lines: { trace: { name: string; value: string; exact?: string }[] }[] }[] };
  return ledger.periods.map((p) => {
    const values = new Map<number, string>();
    for (const line of p.lines) {
      for (const t of line.trace) {
        const m = pattern.exec(t.name);
        if (m !== null) values.set(Number(m[1]), exact ? t.exact ?? t.value : t.value);
      }
    }
    return values;
  });
}

/** Compares two exact texts: decimals or fractions `n/d` (d > 0). */
export function exactCmp(a: string, b: string): number {
  const frac = (t: string): [bigint, bigint] => {
    const m = /^(-?\d+)\/(\d+)$/.exec(t);
    if (m !== null) return [BigInt(m[1]!), BigInt(m[2]!)];
    const v = dec(t);
    return [v.n, pow10(v.e)];
  };
  const [an, ad] = frac(a);
  const [bn, bd] = frac(b);
  const d = an * bd - bn * ad;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
