#!/usr/bin/python3
"""QuantLib's day counts and year fractions for date pairs, for
test/builtins/day-counts-quantlib.test.ts (docs/language.md §4).

Run with Debian's /usr/bin/python3 and its quantlib-python package. Reads
JSON on stdin:

  {"cases": [[from, to, anchor, frequency, end_of_month, termination], ...]}

ISO dates; `anchor`, `frequency` (coupons a year) and `end_of_month` give
the coupon dates of Actual/Actual (ICMA): anchor + k * 12/frequency months
for every k, each advanced from the anchor by QuantLib's NullCalendar
(unadjusted, with or without its end-of-month rule), the period dates of
docs/language.md §6; `termination` is the Termination Date of 30E/360
(ISDA), or null for none.
Writes JSON on stdout:

  {"quantlib": "1.29", "conventions": [name, ...],
   "rows": [[dayCount, yearFraction, dayCount, yearFraction, ...], ...]}

one row per case, two numbers per convention in the order of `conventions`
(QuantLib's integer dayCount, and its yearFraction as a double).
"""
import json
import sys

import QuantLib as ql

NULL_CALENDAR = ql.NullCalendar()


def date(text):
    y, m, d = (int(p) for p in text.split("-"))
    return ql.Date(d, m, y)


def coupon_date(anchor, k, months, end_of_month):
    return NULL_CALENDAR.advance(anchor, ql.Period(k * months, ql.Months), ql.Unadjusted, end_of_month)


def icma(anchor, frequency, end_of_month, d1, d2):
    """ActualActual(ISMA) over an explicit, regular schedule covering [min, max]."""
    months = 12 // frequency
    lo, hi = min(d1, d2), max(d1, d2)

    def month_index(d):
        return (d.year() - anchor.year()) * 12 + (int(d.month()) - int(anchor.month()))

    k_lo = month_index(lo) // months - 1
    k_hi = month_index(hi) // months + 2
    dates = [coupon_date(anchor, k, months, end_of_month) for k in range(k_lo, k_hi + 1)]
    schedule = ql.Schedule(dates, NULL_CALENDAR, ql.Unadjusted, ql.Unadjusted,
                           ql.Period(months, ql.Months), ql.DateGeneration.Forward, end_of_month,
                           [True] * (len(dates) - 1))
    return ql.ActualActual(ql.ActualActual.ISMA, schedule)


FIXED = {
    "act_365f": ql.Actual365Fixed(),
    "act_360": ql.Actual360(),
    "thirty_360": ql.Thirty360(ql.Thirty360.BondBasis),
    "act_act_isda": ql.ActualActual(ql.ActualActual.ISDA),
    "thirty_e_360": ql.Thirty360(ql.Thirty360.European),
    "thirty_360_us": ql.Thirty360(ql.Thirty360.USA),
    "nl_365": ql.Actual365Fixed(ql.Actual365Fixed.NoLeap),
}
CONVENTIONS = ["act_365f", "act_360", "thirty_360", "act_act_isda", "act_act_icma",
               "thirty_e_360", "thirty_e_360_isda", "thirty_360_us", "nl_365"]


def row(case):
    d1, d2, anchor, frequency, end_of_month, termination = case
    a, b = date(d1), date(d2)
    out = []
    for name in CONVENTIONS:
        if name == "act_act_icma":
            dc = icma(date(anchor), frequency, end_of_month, a, b)
        elif name == "thirty_e_360_isda":
            dc = ql.Thirty360(ql.Thirty360.ISDA, date(termination) if termination else ql.Date())
        else:
            dc = FIXED[name]
        out.append(dc.dayCount(a, b))
        out.append(dc.yearFraction(a, b))
    return out


def main():
    cases = json.load(sys.stdin)["cases"]
    json.dump({"quantlib": ql.__version__, "conventions": CONVENTIONS,
               "rows": [row(c) for c in cases]}, sys.stdout)


if __name__ == "__main__":
    main()
