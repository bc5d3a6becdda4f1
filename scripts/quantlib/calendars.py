#!/usr/bin/python3
"""QuantLib's answers for Tenor's calendar tests (test/eval/business-days-quantlib.test.ts).

Reads one JSON object on stdin and prints one JSON object:

  {"holidays": {"from": "2000-01-01", "to": "2040-12-31", "calendars": ["nyse", ...]},
   "adjust":   [{"calendar": "nyse", "date": "2027-07-03", "convention": "following"}, ...],
   "advance":  [{"calendar": "uk", "date": "2027-12-24", "n": 15, "convention": "preceding"}, ...],
   "schedules": [{"start": "2026-07-15", "end": "2031-07-01", "frequency": "monthly",
                  "rule": "backward", "endOfMonth": true}, ...]}

  -> {"holidays": {"nyse": ["2000-01-17", ...], ...},   weekdays that are not business days
      "adjust": ["2027-07-06", ...], "advance": [...], "schedules": [["2026-07-15", ...], ...]}

Calendars: nyse = UnitedStates(NYSE), us_federal = UnitedStates(Settlement),
target = TARGET(), uk = UnitedKingdom(Settlement) (the England and Wales bank
holidays; QuantLib's Exchange market has the same days). Schedules use
NullCalendar, Unadjusted, Unadjusted and the dates as given (the test passes
the day after the term's end as the termination date). Run with Debian's
/usr/bin/python3 and its python3-quantlib package.
"""
import json
import sys

import QuantLib as ql

CALENDARS = {
    "nyse": ql.UnitedStates(ql.UnitedStates.NYSE),
    "us_federal": ql.UnitedStates(ql.UnitedStates.Settlement),
    "target": ql.TARGET(),
    "uk": ql.UnitedKingdom(ql.UnitedKingdom.Settlement),
}
CONVENTIONS = {
    "following": ql.Following,
    "modified_following": ql.ModifiedFollowing,
    "preceding": ql.Preceding,
}
FREQUENCIES = {"monthly": ql.Period(1, ql.Months), "quarterly": ql.Period(3, ql.Months), "annually": ql.Period(1, ql.Years)}
RULES = {"forward": ql.DateGeneration.Forward, "backward": ql.DateGeneration.Backward}


def to_ql(text):
    y, m, d = (int(part) for part in text.split("-"))
    return ql.Date(d, m, y)


def iso(date):
    return "%04d-%02d-%02d" % (date.year(), date.month(), date.dayOfMonth())


def main():
    request = json.load(sys.stdin)
    out = {"quantlib": ql.__version__}
    h = request.get("holidays")
    if h is not None:
        start, end = to_ql(h["from"]), to_ql(h["to"])
        out["holidays"] = {
            name: [iso(d) for d in ql.Calendar.holidayList(CALENDARS[name], start, end, False)] for name in h["calendars"]
        }
    out["adjust"] = [
        iso(CALENDARS[a["calendar"]].adjust(to_ql(a["date"]), CONVENTIONS[a["convention"]])) for a in request.get("adjust", [])
    ]
    out["advance"] = [
        iso(CALENDARS[a["calendar"]].advance(to_ql(a["date"]), int(a["n"]), ql.Days, CONVENTIONS[a["convention"]]))
        for a in request.get("advance", [])
    ]
    schedules = []
    for s in request.get("schedules", []):
        schedule = ql.Schedule(
            to_ql(s["start"]), to_ql(s["end"]), FREQUENCIES[s["frequency"]], ql.NullCalendar(),
            ql.Unadjusted, ql.Unadjusted, RULES[s["rule"]], bool(s["endOfMonth"]),
        )
        schedules.append([iso(d) for d in schedule])
    out["schedules"] = schedules
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
