/**
 * Where a streamed run writes its ledger (api.ts `streamProgram`): the head
 * once, each period as it settles, the totals at the end. The JSON and CSV
 * sinks turn each piece into text at once, so nothing holds more than one
 * period of the ledger.
 */
import { CSV_HEADER, csvPeriodRows } from "./format-csv.ts";
import { jsonLedgerHead, jsonLedgerPeriod, jsonLedgerTail, type JsonOptions } from "./format-json.ts";
import type { Ledger, LedgerPeriod, LedgerTotal } from "./ledger.ts";

export interface LedgerSink {
  begin(deal: string, currency: string): void;
  period(period: LedgerPeriod): void;
  end(totals: readonly LedgerTotal[]): void;
}

/** Writes the ledger JSON (the bytes of `ledgerToJson`) through `write`, a period at a time. */
export function jsonSink(write: (text: string) => void, options: JsonOptions): LedgerSink {
  let count = 0;
  return {
    begin: (deal, currency) => write(jsonLedgerHead(deal, currency)),
    period: (p) => write(jsonLedgerPeriod(p, count++ === 0, options)),
    end: (totals) => write(jsonLedgerTail(totals, count)),
  };
}

/** Writes the ledger CSV (the bytes of `ledgerToCsv`) through `write`, a period at a time. */
export function csvSink(write: (text: string) => void): LedgerSink {
  return {
    begin: () => write(CSV_HEADER),
    period: (p) => {
      const rows = csvPeriodRows(p);
      if (rows !== "") write(rows);
    },
    end: () => {},
  };
}

/** Keeps the whole ledger, for a format that needs all of it at once (the table's aligned columns). */
export function collectingSink(done: (ledger: Ledger) => void): LedgerSink {
  let deal = "";
  let currency = "";
  const periods: LedgerPeriod[] = [];
  return {
    begin: (d, c) => { deal = d; currency = c; },
    period: (p) => void periods.push(p),
    end: (totals) => done({ deal, currency, periods, totals: [...totals] }),
  };
}
