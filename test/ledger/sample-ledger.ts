import type { Ledger } from "../../src/ledger/ledger.ts";

/** Two periods: a capped line, a grant, net transfers, a quoted title. */
export const SAMPLE: Ledger = {
  deal: "Test, \"quoted\" deal",
  currency: "USD",
  periods: [
    {
      index: 1, start: "2026-07-01", end: "2026-07-31", payment_date: "2026-08-21", contract_year: 1, days: 31,
      lines: [
        { clause: "revenue_share", title: "Revenue share", payer: "op", payee: "vendor",
          computed: "1800000.00", amount: "1800000.00", capped: false,
          trace: [{ name: "revenue", value: "12000000", unit: "USD" }, { name: "share_rate", value: "0.15" }] },
        { clause: "buyback", title: "Buyback, capped", payer: "vendor", payee: "op",
          computed: "500.00", amount: "250.50", capped: true, trace: [] },
      ],
      grants: [{ clause: "warrants", grantor: "op", grantee: "vendor", quantity: "1000000", instrument: "warrants", price: "12.50" }],
      net: [{ from: "op", to: "vendor", amount: "1799749.50" }],
    },
    {
      index: 2, start: "2026-08-01", end: "2026-08-01", payment_date: "2026-08-03", contract_year: 1, days: 1,
      lines: [], grants: [], net: [],
    },
  ],
  totals: [
    { payer: "op", payee: "vendor", amount: "1800000.00" },
    { payer: "vendor", payee: "op", amount: "250.50" },
  ],
};
