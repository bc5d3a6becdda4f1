/** TN30xx: run time (evaluation of a checked program over period data, and `test` blocks). */
export const RUN = {
  /** A payment whose computed (rounded) amount is below zero (docs/language.md §10). */
  negativePayment: "TN3001",
  /** A division whose divisor is zero (docs/language.md §10). */
  divisionByZero: "TN3002",
  /** No schedule entry covers the period (the checker proves coverage for contract years). */
  noScheduleEntry: "TN3003",
  /** A grant with a negative quantity or price. */
  negativeGrant: "TN3004",
  /** round/floor/ceil with a step that is zero or negative. */
  stepNotPositive: "TN3005",
  /** A duration that is not a whole number of days, months or years. */
  durationNotWhole: "TN3006",
  /** A period's data row is missing a declared input. */
  missingInput: "TN3007",
  /** The data rows do not line up with the periods of the term. */
  periodsMisaligned: "TN3008",
  /** A test lists a date that is not the start of a period of the term. */
  testPeriodNotInTerm: "TN3009",
  /** A test lists the same period twice. */
  testPeriodRepeated: "TN3010",
  /** A test period does not give every declared input. */
  testInputMissing: "TN3011",
  /** A test value names something that is not a declared input. */
  testUnknownInput: "TN3012",
  /** A test event falls in no period listed by the test. */
  testEventOutsidePeriods: "TN3013",
  /** A test event is not declared, or does not give exactly the declared arguments. */
  testEventMismatch: "TN3014",
  /** An `expect … in DATE` names a date that is not one of the test's periods. */
  testExpectPeriodUnknown: "TN3015",
  /** A test gives the same input twice for one period. */
  testValueRepeated: "TN3017",
  valueTooLarge: "TN3018",
  /** A date computed by arithmetic falls outside the supported calendar. */
  dateOutOfRange: "TN3016",
  /** interpolate(…) whose from_date is not before its to_date, known only at run time. */
  interpolateDatesNotAscending: "TN3020",
  /** compound(rate, n) whose n, known only at run time, is not a whole number from 0 to 1000. */
  compoundExponentInvalid: "TN3035",
  /** tier(TABLE, X) with X below the first LOW, or at/above the last HIGH of a table without `onward`. */
  tierOutOfRange: "TN3030",
  /** marginal(TABLE, BASE, AMOUNT) with a negative AMOUNT: a cumulative base does not go back. */
  marginalNegativeAmount: "TN3031",
  /** A defect of the interpreter itself, reported instead of crashing a production run. */
  internalError: "TN3099",
} as const;
