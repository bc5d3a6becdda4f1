import { describe, expect, it } from "vitest";
import {
  addEvent, addRow, removeEvent, removeRow, setCell, tableFromInputsJson, tableToInputsJson, withDeclaredColumns,
} from "../../playground/state/inputs-table.ts";
import { pasteRows, splitDelimited } from "../../playground/state/paste-table.ts";

const JSON_FILE = `{
  "periods": [
    { "period": "2026-07-01", "revenue": "100.50", "hours": "7" },
    { "period": "2026-08-01", "revenue": "200" }
  ],
  "events": [ { "date": "2026-07-15", "event": "outage", "hours": "3" } ]
}`;

describe("the inputs table model", () => {
  it("reads a JSON inputs file into rows and events and writes the same values back", () => {
    const t = tableFromInputsJson(JSON_FILE);
    expect(t.columns).toEqual(["revenue", "hours"]);
    expect(t.rows[1]).toEqual({ period: "2026-08-01", values: { revenue: "200" } });
    expect(t.events).toEqual([{ date: "2026-07-15", event: "outage", args: { hours: "3" } }]);
    expect(JSON.parse(tableToInputsJson(t))).toEqual(JSON.parse(JSON_FILE));
  });

  it("leaves empty cells out, so the loader names the missing value", () => {
    const t = setCell(tableFromInputsJson(JSON_FILE), 0, "hours", "");
    expect(JSON.parse(tableToInputsJson(t)).periods[0]).toEqual({ period: "2026-07-01", revenue: "100.50" });
  });

  it("adds the next period of the term and removes rows and events", () => {
    const t = tableFromInputsJson(JSON_FILE);
    const added = addRow(t, ["2026-07-01", "2026-08-01", "2026-09-01"]);
    expect(added.rows.map((r) => r.period)).toEqual(["2026-07-01", "2026-08-01", "2026-09-01"]);
    expect(removeRow(added, 0).rows.map((r) => r.period)).toEqual(["2026-08-01", "2026-09-01"]);
    const e = addEvent(t, { date: "2026-08-02", event: "outage", args: { hours: "1" } });
    expect(removeEvent(e, 0).events.map((x) => x.date)).toEqual(["2026-08-02"]);
  });

  it("shows every declared input as a column and keeps an undeclared one only while it has data", () => {
    const t = tableFromInputsJson(JSON_FILE);
    expect(withDeclaredColumns(t, ["hours", "revenue", "price"]).columns).toEqual(["hours", "revenue", "price"]);
    expect(withDeclaredColumns(t, ["revenue"]).columns).toEqual(["revenue", "hours"]);
    const emptied = setCell(t, 0, "hours", "");
    expect(withDeclaredColumns(emptied, ["revenue"]).columns).toEqual(["revenue"]);
    expect(withDeclaredColumns(t, ["revenue", "hours"])).toBe(t);
  });

  it("gives an empty table for text that is not a JSON inputs file", () => {
    expect(tableFromInputsJson("not json")).toEqual({ columns: [], rows: [], events: [] });
  });
});

describe("pasting period rows", () => {
  it("reads CSV with quotes and CRLF, and tab-separated cells from a spreadsheet", () => {
    expect(splitDelimited('period,note\r\n2026-07-01,"a, ""b"""\r\n\r\n')).toEqual([["period", "note"], ["2026-07-01", 'a, "b"']]);
    expect(splitDelimited("period\trevenue\n2026-07-01\t1,000.5\n")).toEqual([["period", "revenue"], ["2026-07-01", "1,000.5"]]);
  });

  it("replaces the rows and keeps the events", () => {
    const t = tableFromInputsJson(JSON_FILE);
    const r = pasteRows(t, "period,revenue,fee\n2026-07-01,5,1\n2026-08-01,6,2\n");
    expect("table" in r && r.table.rows).toEqual([
      { period: "2026-07-01", values: { revenue: "5", fee: "1" } },
      { period: "2026-08-01", values: { revenue: "6", fee: "2" } },
    ]);
    expect("table" in r && r.table.columns).toEqual(["revenue", "hours", "fee"]);
    expect("table" in r && r.table.events).toEqual(t.events);
  });

  it("refuses text without a period column", () => {
    expect(pasteRows(tableFromInputsJson(JSON_FILE), "date,revenue\n2026-07-01,5")).toEqual({
      error: 'the header has no "period" column (got: date, revenue)',
    });
  });
});
