/**
 * An upper bound on money: an exact decimal, or unbounded with the reason
 * (the input or event that lets it grow without end).
 */
import { Decimal } from "../../eval/decimal.ts";

export interface Unbounded {
  readonly unbounded: string;
}

export type Amount = Decimal | Unbounded;

export const ZERO: Amount = Decimal.ZERO;

export function isUnbounded(a: Amount): a is Unbounded {
  return !(a instanceof Decimal);
}

export function plus(a: Amount, b: Amount): Amount {
  if (isUnbounded(a)) return a;
  if (isUnbounded(b)) return b;
  return a.add(b);
}

/** a × b for a, b ≥ 0; 0 × unbounded is 0 (nothing paid, however often). */
export function times(a: Amount, b: Amount): Amount {
  if (!isUnbounded(a) && a.isZero()) return Decimal.ZERO;
  if (!isUnbounded(b) && b.isZero()) return Decimal.ZERO;
  if (isUnbounded(a)) return a;
  if (isUnbounded(b)) return b;
  return a.mul(b);
}

export function smaller(a: Amount, b: Amount): Amount {
  if (isUnbounded(a)) return b;
  if (isUnbounded(b)) return a;
  return Decimal.min(a, b);
}

export function larger(a: Amount, b: Amount): Amount {
  if (isUnbounded(a)) return a;
  if (isUnbounded(b)) return b;
  return Decimal.max(a, b);
}

export function sum(amounts: Iterable<Amount>): Amount {
  let total: Amount = ZERO;
  for (const a of amounts) total = plus(total, a);
  return total;
}
