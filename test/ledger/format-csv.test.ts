import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { csvField, ledgerToCsv } from "../../src/ledger/format-csv.ts";
import { SAMPLE } from "./sample-ledger.ts";

describe("ledgerToCsv", () => {
  it("writes a header and one row per line, grant and net transfer, with CRLF line ends", () => {
    expect(ledgerToCsv(SAMPLE)).toBe([
      "kind,period,start,end,payment_date,contract_year,days,clause,title,payer,payee,computed,amount,capped,quantity,instrument,price",
      "line,1,2026-07-01,2026-07-31,2026-08-21,1,31,revenue_share,Revenue share,op,vendor,1800000.00,1800000.00,false,,,",
      'line,1,2026-07-01,2026-07-31,2026-08-21,1,31,buyback,"Buyback, capped",vendor,op,500.00,250.50,true,,,',
      "grant,1,2026-07-01,2026-07-31,2026-08-21,1,31,warrants,,op,vendor,,,,1000000,warrants,12.50",
      "net,1,2026-07-01,2026-07-31,2026-08-21,1,31,,,op,vendor,,1799749.50,,,,",
      "",
    ].join("\r\n"));
  });

  it("quotes only fields that need it, doubling quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField("")).toBe("");
  });

  it("reads back with a CSV parser to the same cells", () => {
    const records = parse(ledgerToCsv(SAMPLE), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(4);
    expect(records[1]).toMatchObject({ kind: "line", title: "Buyback, capped", computed: "500.00", amount: "250.50", capped: "true" });
    expect(records.filter((r) => r["kind"] === "line").map((r) => r["amount"])).toEqual(["1800000.00", "250.50"]);
  });
});

describe("ledgerToCsv against formula injection", () => {
  const titled = (title: string) => ({
    ...SAMPLE,
    periods: SAMPLE.periods.map((p) => ({ ...p, lines: p.lines.map((l) => ({ ...l, title })), grants: [], net: [] })),
  });

  it.each(["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\tlead", "\rlead"])(
    "writes a title starting %j as text a spreadsheet does not run",
    (title) => {
      const records = parse(ledgerToCsv(titled(title)), { columns: true, relax_quotes: true }) as Record<string, string>[];
      expect(records.map((r) => r["title"])).toEqual([`'${title}`, `'${title}`]);
    },
  );

  it("leaves numbers as numbers, negative ones included, and plain titles as written", () => {
    const negative = { ...SAMPLE, periods: SAMPLE.periods.map((p) => ({ ...p, lines: p.lines.map((l) => ({ ...l, computed: "-20.00" })) })) };
    const records = parse(ledgerToCsv(negative), { columns: true }) as Record<string, string>[];
    expect(records.filter((r) => r["kind"] === "line").map((r) => [r["computed"], r["title"]])).toEqual([["-20.00", "Revenue share"], ["-20.00", "Buyback, capped"]]);
  });
});
