/**
 * A small, self-contained calendar for the generators, written from the
 * brief (§3) and not from src/eval: period k starts A + k·s months (clamped
 * to the month's last day when A's day does not exist), ends the day before
 * the next one but never after B; contract year n starts A + (n−1) years.
 * Dates are ISO strings; arithmetic uses plain integers (days, months).
 */

export interface GenPeriod {
  /** 1-based. */
  readonly index: number;
  readonly start: string;
  /** Inclusive. */
  readonly end: string;
  readonly contractYear: number;
}

interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

function parse(iso: string): Ymd {
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) };
}

function iso({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** `date` + `months` months, clamped to the last day of the month reached. */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

/** `date` + `days` days (either sign). */
export function addDays(date: string, days: number): string {
  let { y, m, d } = parse(date);
  let left = days;
  while (left > 0) {
    const room = daysInMonth(y, m) - d;
    if (left <= room) {
      d += left;
      left = 0;
    } else {
      left -= room + 1;
      d = 1;
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
  }
  while (left < 0) {
    if (-left < d) {
      d += left;
      left = 0;
    } else {
      left += d;
      m -= 1;
      if (m < 1) {
        m = 12;
        y -= 1;
      }
      d = daysInMonth(y, m);
    }
  }
  return iso({ y, m, d });
}

/** Days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  const ordinal = (date: string): number => {
    const { y, m, d } = parse(date);
    const yy = m <= 2 ? y - 1 : y;
    const era = Math.floor(yy / 400);
    const yoe = yy - era * 400;
    const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe;
  };
  return ordinal(b) - ordinal(a);
}

export const STEP_MONTHS = { monthly: 1, quarterly: 3, annually: 12 } as const;
export type GenFrequency = keyof typeof STEP_MONTHS;

/** The first `count` period starts of a term starting on `start` (whatever its end). */
export function periodStarts(start: string, frequency: GenFrequency, count: number): string[] {
  return Array.from({ length: count }, (_, k) => addMonths(start, k * STEP_MONTHS[frequency]));
}

/** The periods of `term start to end, frequency`. */
export function termPeriods(start: string, end: string, frequency: GenFrequency): GenPeriod[] {
  const step = STEP_MONTHS[frequency];
  const periods: GenPeriod[] = [];
  for (let k = 0; ; k++) {
    const s = addMonths(start, k * step);
    if (s > end) break;
    const next = addMonths(start, (k + 1) * step);
    const e = addDays(next, -1);
    let year = 1;
    while (addMonths(start, year * 12) <= s) year += 1;
    periods.push({ index: k + 1, start: s, end: e < end ? e : end, contractYear: year });
  }
  return periods;
}
