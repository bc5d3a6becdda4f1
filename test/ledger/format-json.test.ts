import { describe, expect, it } from "vitest";
import { ledgerJsonChunks, ledgerToJson } from "../../src/ledger/format-json.ts";
import type { Ledger } from "../../src/ledger/ledger.ts";
import { SAMPLE } from "./sample-ledger.ts";

const EXPECTED = `{
  "deal": "Test, \\"quoted\\" deal",
  "currency": "USD",
  "periods": [
    {
      "index": 1,
      "start": "2026-07-01",
      "end": "2026-07-31",
      "payment_date": "2026-08-21",
      "contract_year": 1,
      "days": 31,
      "lines": [
        {
          "clause": "revenue_share",
          "title": "Revenue share",
          "payer": "op",
          "payee": "vendor",
          "computed": "1800000.00",
          "amount": "1800000.00",
          "capped": false
        },
        {
          "clause": "buyback",
          "title": "Buyback, capped",
          "payer": "vendor",
          "payee": "op",
          "computed": "500.00",
          "amount": "250.50",
          "capped": true
        }
      ],
      "grants": [
        {
          "clause": "warrants",
          "grantor": "op",
          "grantee": "vendor",
          "quantity": "1000000",
          "instrument": "warrants",
          "price": "12.50"
        }
      ],
      "net": [
        {
          "from": "op",
          "to": "vendor",
          "amount": "1799749.50"
        }
      ]
    },
    {
      "index": 2,
      "start": "2026-08-01",
      "end": "2026-08-01",
      "payment_date": "2026-08-03",
      "contract_year": 1,
      "days": 1,
      "lines": [],
      "grants": [],
      "net": []
    }
  ],
  "totals": [
    {
      "payer": "op",
      "payee": "vendor",
      "amount": "1800000.00"
    },
    {
      "payer": "vendor",
      "payee": "op",
      "amount": "250.50"
    }
  ]
}
`;

describe("ledgerToJson", () => {
  it("writes the brief's keys in order with 2-space indentation and a trailing newline", () => {
    expect(ledgerToJson(SAMPLE, { trace: false })).toBe(EXPECTED);
    expect(ledgerToJson(SAMPLE)).toBe(EXPECTED);
  });

  it("adds the trace after capped only when asked", () => {
    const text = ledgerToJson(SAMPLE, { trace: true });
    expect(text).toContain(`          "capped": false,
          "trace": [
            {
              "name": "revenue",
              "value": "12000000",
              "unit": "USD"
            },
            {
              "name": "share_rate",
              "value": "0.15"
            }
          ]
        },`);
    expect(text).toContain(`"capped": true,\n          "trace": []`);
  });

  it("leaves out net when the period has none, and ignores the input's key order", () => {
    const p = SAMPLE.periods[1]!;
    const shuffled: Ledger = {
      totals: [], periods: [{ days: p.days, grants: [], lines: [], contract_year: 1, payment_date: p.payment_date, end: p.end, start: p.start, index: 2 }],
      currency: "EUR", deal: "D",
    };
    expect(ledgerToJson(shuffled)).toBe(`{
  "deal": "D",
  "currency": "EUR",
  "periods": [
    {
      "index": 2,
      "start": "2026-08-01",
      "end": "2026-08-01",
      "payment_date": "2026-08-03",
      "contract_year": 1,
      "days": 1,
      "lines": [],
      "grants": []
    }
  ],
  "totals": []
}
`);
  });

  it("round-trips through JSON.parse to the same fields", () => {
    const back = JSON.parse(ledgerToJson(SAMPLE, { trace: true })) as Ledger;
    expect(back).toEqual(SAMPLE);
  });
});

describe("ledgerJsonChunks", () => {
  it("writes a period at a time the very bytes of the whole document, indented as JSON.stringify indents it", () => {
    for (const ledger of [SAMPLE, { ...SAMPLE, periods: [] }, { ...SAMPLE, periods: [], totals: [] }, { ...SAMPLE, periods: [SAMPLE.periods[0]!, SAMPLE.periods[0]!] }]) {
      const chunks = [...ledgerJsonChunks(ledger, { trace: true })];
      expect(chunks.length).toBe(ledger.periods.length + 2);
      const text = chunks.join("");
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect(JSON.parse(text).periods).toHaveLength(ledger.periods.length);
    }
  });
});
