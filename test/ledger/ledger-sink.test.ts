import { describe, expect, it } from "vitest";
import { ledgerToCsv } from "../../src/ledger/format-csv.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { collectingSink, csvSink, jsonSink, type LedgerSink } from "../../src/ledger/ledger-sink.ts";
import type { Ledger } from "../../src/ledger/ledger.ts";
import { SAMPLE } from "./sample-ledger.ts";

/** What a sink writes for a ledger fed to it as a streamed run feeds it. */
function feed(ledger: Ledger, sink: (write: (t: string) => void) => LedgerSink): string[] {
  const pieces: string[] = [];
  const s = sink((t) => void pieces.push(t));
  s.begin(ledger.deal, ledger.currency);
  for (const p of ledger.periods) s.period(p);
  s.end(ledger.totals);
  return pieces;
}

const LEDGERS: Ledger[] = [SAMPLE, { ...SAMPLE, periods: [] }, { ...SAMPLE, periods: [SAMPLE.periods[0]!] }];

describe("ledger sinks", () => {
  it("write the JSON ledger's very bytes, one piece a period", () => {
    for (const ledger of LEDGERS) {
      for (const trace of [true, false]) {
        const pieces = feed(ledger, (w) => jsonSink(w, { trace }));
        expect(pieces.join("")).toBe(ledgerToJson(ledger, { trace }));
        expect(pieces).toHaveLength(ledger.periods.length + 2);
      }
    }
  });

  it("write the CSV ledger's very bytes, nothing for a period without rows", () => {
    for (const ledger of LEDGERS) expect(feed(ledger, csvSink).join("")).toBe(ledgerToCsv(ledger));
    const empty = { ...SAMPLE, periods: [{ ...SAMPLE.periods[0]!, lines: [], grants: [], net: [] }] };
    expect(feed(empty, csvSink)).toHaveLength(1);
  });

  it("collect the whole ledger for the table", () => {
    let got: Ledger | undefined;
    feed(SAMPLE, () => collectingSink((l) => { got = l; }));
    expect(got).toEqual(SAMPLE);
  });
});
