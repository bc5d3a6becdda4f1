/** The formats `tenor run --format` writes a ledger in; a module of its own so the CLI's option table needs nothing else. */
export const LEDGER_FORMATS = ["json", "table", "csv"] as const;
export type LedgerFormat = (typeof LEDGER_FORMATS)[number];
