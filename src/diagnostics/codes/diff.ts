/** TN60xx: `tenor diff` (docs/explain.md "tenor diff"), comparing two versions of a term sheet. */
export const DIFF = {
  /** The two versions settle in different currencies: their ledgers are not subtracted. */
  currenciesDiffer: "TN6001",
} as const;
