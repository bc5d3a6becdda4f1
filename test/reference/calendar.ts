/**
 * The reference evaluator's own calendar, written from
 * docs/language.md §3.4/§6: proleptic Gregorian dates, month arithmetic
 * that clamps to the month's last day, periods computed from the term
 * start, contract years. Plain loops; nothing shared with src/.
 */

export interface Civil {
  readonly y: number;
  readonly m: number; // 1..12
  readonly d: number; // 1..31
}

export const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** `YYYY-MM-DD` to a date, or null when it is not a real calendar date. */
export function parseIso(text: string): Civil | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

export function iso(c: Civil): string {
  return `${String(c.y).padStart(4, "0")}-${String(c.m).padStart(2, "0")}-${String(c.d).padStart(2, "0")}`;
}

/** Days since 0001-01-01 (day 0), counted with plain loops over years and months. */
export function ordinal(c: Civil): number {
  const y = c.y - 1;
  let days = y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
  for (let m = 1; m < c.m; m++) days += daysInMonth(c.y, m);
  return days + c.d - 1;
}

/** The inverse of `ordinal`. */
export function fromOrdinal(n: number): Civil {
  // Start from an estimate of the year and walk to the right one.
  let y = Math.max(1, Math.floor(n / 365.2425) + 1);
  while (y > 1 && ordinal({ y, m: 1, d: 1 }) > n) y--;
  while (ordinal({ y: y + 1, m: 1, d: 1 }) <= n) y++;
  let rest = n - ordinal({ y, m: 1, d: 1 });
  let m = 1;
  while (rest >= daysInMonth(y, m)) {
    rest -= daysInMonth(y, m);
    m++;
  }
  return { y, m, d: rest + 1 };
}

export function cmpCivil(a: Civil, b: Civil): number {
  return a.y !== b.y ? a.y - b.y : a.m !== b.m ? a.m - b.m : a.d - b.d;
}

/** `c` moved by `k` months; a day that does not exist in the target month becomes its last day. */
export function addMonths(c: Civil, k: number): Civil {
  const total = c.y * 12 + (c.m - 1) + k;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return { y, m, d: Math.min(c.d, daysInMonth(y, m)) };
}

export function addDays(c: Civil, k: number): Civil {
  return fromOrdinal(ordinal(c) + k);
}

export interface RefPeriod {
  readonly index: number; // 1-based
  readonly start: Civil;
  readonly end: Civil;
  readonly contractYear: number;
  readonly days: number;
}

export const STEP_MONTHS = { monthly: 1, quarterly: 3, annually: 12 } as const;

/**
 * Brief §3: period k starts at A + k·step months (each computed from A),
 * ends the day before the next starts, never after B.
 */
export function termPeriods(a: Civil, b: Civil, frequency: keyof typeof STEP_MONTHS): RefPeriod[] {
  const step = STEP_MONTHS[frequency];
  const out: RefPeriod[] = [];
  for (let k = 0; ; k++) {
    const start = addMonths(a, k * step);
    if (cmpCivil(start, b) > 0) break;
    const nextStart = addMonths(a, (k + 1) * step);
    const dayBefore = addDays(nextStart, -1);
    const end = cmpCivil(dayBefore, b) > 0 ? b : dayBefore;
    out.push({ index: k + 1, start, end, contractYear: contractYearOf(a, start), days: ordinal(end) - ordinal(start) + 1 });
  }
  return out;
}

/** Contract year n covers [A + (n−1) years, A + n years). */
export function contractYearOf(a: Civil, date: Civil): number {
  let n = 1;
  while (cmpCivil(addMonths(a, 12 * n), date) <= 0) n++;
  return n;
}
