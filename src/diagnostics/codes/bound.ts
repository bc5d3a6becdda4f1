/** TN61xx: `tenor bound` — the most a clause can be made to pay (docs/risk.md "tenor bound"). */
export const BOUND = {
  /**
   * A clause has no finite bound over the term: an input without a declared
   * upper bound, an event without a declared count, or an event argument
   * reaches a payment that no cap limits. The message names it.
   */
  clauseUnbounded: "TN6101",
  /** A clause could not be bounded at all (an internal limit of the analysis); its bound is reported as unbounded. */
  clauseNotAnalysed: "TN6102",
} as const;
