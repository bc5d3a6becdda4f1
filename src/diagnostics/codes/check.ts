/**
 * TN2xxx: names, units, schedules, declarations, clauses and test blocks.
 * Keys read as the message; codes are stable once published.
 */
export const CHECK = {
  // ---- names (TN200x–TN201x)
  unknownName: "TN2001",
  duplicateDeclaration: "TN2002",
  unknownParty: "TN2003",
  unknownEvent: "TN2004",
  unknownUnit: "TN2005",
  unknownFunction: "TN2006",
  wrongArgumentCount: "TN2007",
  shadowsPeriodFact: "TN2008",
  shadowsName: "TN2009",
  declarationCycle: "TN2010",
  partyPaysItself: "TN2011",
  unknownClause: "TN2012",
  unknownInput: "TN2013",
  unknownEventArgument: "TN2014",
  missingEventArgument: "TN2015",
  missingTestValue: "TN2016",
  letNotVisible: "TN2017",
  notConstant: "TN2018",
  reservedUnitName: "TN2019",

  // ---- deal header (TN202x)
  missingDeal: "TN2020",
  missingParties: "TN2021",
  missingTerm: "TN2022",
  missingCurrency: "TN2023",
  duplicateHeader: "TN2024",
  termStartsAfterEnd: "TN2025",
  invalidDate: "TN2026",
  invalidCurrencyCode: "TN2027",

  // ---- types and units (TN203x–TN204x)
  unitMismatch: "TN2030",
  paymentNotInCurrency: "TN2031",
  capNotInCurrency: "TN2032",
  grantPriceNotInCurrency: "TN2033",
  grantQuantityNotPlain: "TN2034",
  conditionNotBoolean: "TN2035",
  branchTypeMismatch: "TN2036",
  operandNotBoolean: "TN2037",
  argumentUnitMismatch: "TN2038",
  stepUnitMismatch: "TN2039",
  scheduleValueMismatch: "TN2040",
  invalidOperand: "TN2041",
  testValueUnitMismatch: "TN2042",
  expectNotInCurrency: "TN2043",
  eventArgumentUnitMismatch: "TN2044",
  durationNotWhole: "TN2045",
  stepNotPositive: "TN2046",
  expressionTooDeep: "TN2047",
  valueTooLarge: "TN2048",

  // ---- schedules (TN205x)
  scheduleGap: "TN2050",
  scheduleOverlap: "TN2051",
  scheduleRises: "TN2052",
  taperingNotConstant: "TN2053",
  invalidScheduleKey: "TN2054",
  scheduleEntryNeverApplies: "TN2055",

  // ---- clauses (TN206x)
  duplicateWindowBound: "TN2060",
  windowFromAfterUntil: "TN2061",
  windowOutsideTerm: "TN2062",
  duplicateCapWindow: "TN2063",
  invalidConsecutiveCount: "TN2064",
  consecutiveInsideOn: "TN2065",
  consecutiveUsesLocalName: "TN2066",
  unusedLet: "TN2067",
  clauseLevelOnly: "TN2068",
  capUsesLet: "TN2069",

  // ---- test blocks (TN208x)
  notAPeriodStart: "TN2080",
  dateOutsideTerm: "TN2081",
  expectPeriodNotInTest: "TN2082",
  testEventOutsidePeriods: "TN2083",

  // ---- resource limits (TN209x, src/limits.ts)
  tooManyAstNodes: "TN2090",
  tooManyPeriods: "TN2091",

  // ---- tiers tables (TN212x, src/check/tiers.ts)
  /** A bound or value of a tiers table that is not constant (an input, a period fact, ÷ 0). */
  tiersNotConstant: "TN2120",
  /** Bounds of a tiers table in different units, or not numbers. */
  tiersBoundUnitMismatch: "TN2121",
  /** Values of a tiers table in different units, or not numbers. */
  tiersValueUnitMismatch: "TN2122",
  /** An entry whose LOW is above the previous entry's HIGH: a gap between them. */
  tiersGap: "TN2123",
  /** An entry whose LOW is below the previous entry's HIGH: overlapping or out of order. */
  tiersOverlap: "TN2124",
  /** An entry whose LOW is not below its HIGH. */
  tiersEmptyRange: "TN2125",
  /** An `onward` entry that is not the last. */
  tiersOnwardNotLast: "TN2126",
  /** The first argument of tier(…) or marginal(…) is not the name of a tiers table. */
  notATiersTable: "TN2127",
  /** A tiers table's name used as a value (outside tier(…) and marginal(…)). */
  tiersUsedAsValue: "TN2128",
  /** A tiers table without entries. */
  tiersEmpty: "TN2129",

  // ---- built-in functions (TN210x)
  /** interpolate(…) whose constant from_date is not before its constant to_date. */
  interpolateDatesNotAscending: "TN2100",
  /** convert(amount, rate) whose amount is not in a currency. */
  convertAmountNotCurrency: "TN2101",
  /** convert(amount, rate) whose rate is not in `D per C` (D another currency, C the amount's). */
  convertRateUnit: "TN2102",
  /** compound(rate, n) whose rate or n is not a plain number. */
  compoundNotPlain: "TN2130",
  /** compound(rate, n) whose constant n is not a whole number from 0 to 1000. */
  compoundExponentInvalid: "TN2131",

  // ---- balances (TN211x)
  /** `add`/`subtract` naming something that is not a balance declared before in this clause. */
  unknownBalance: "TN2110",
  /** `add`/`subtract` whose amount's unit differs from the balance's. */
  balanceUnitMismatch: "TN2111",
  /** A balance whose initial value is not a number (true/false, a date, a duration). */
  balanceNotNumber: "TN2112",
  /** A cap amount reading a balance. */
  capUsesBalance: "TN2113",
  /** The condition of `for N consecutive periods` reading a balance, or a let that reads one. */
  consecutiveUsesBalance: "TN2114",
  /** A balance that is never read (warning). */
  unusedBalance: "TN2115",

  // ---- calendars and payment dates (TN215x, src/check/calendars.ts)
  /** A calendar name (in `paid` or as a calendar's base) that is neither built in nor declared. */
  unknownCalendar: "TN2150",
  /** Calendars whose bases lead back to themselves. */
  calendarCycle: "TN2151",
  /** A holiday listed in a calendar that is a Saturday, a Sunday or already a holiday of its bases (warning). */
  holidayChangesNothing: "TN2152",
  /** The lag of `paid`: not a whole number from 0 to 365, or not counted in days. */
  invalidPaymentLag: "TN2153",
  /** `paid` counting from something other than period_end or period_start. */
  invalidPaymentAnchor: "TN2154",
  /** Payment dates for which a built-in calendar has no rules (before 2000 or after 2199). */
  calendarYearsNotCovered: "TN2155",
  /** A `calendar` declaration named like a built-in calendar. */
  calendarRedeclaresBuiltin: "TN2156",

  // ---- declared input ranges and event counts (TN216x, src/check/input-ranges.ts)
  /** `in ..` with neither bound. */
  rangeWithoutBounds: "TN2160",
  /** A bound in another unit than its input (or not a number). */
  rangeBoundUnitMismatch: "TN2161",
  /** A bound that uses something other than numbers, consts and other inputs. */
  rangeBoundNotAllowed: "TN2162",
  /** An input whose range names the input itself. */
  rangeSelfReference: "TN2163",
  /** Inputs whose ranges name each other in a circle. */
  rangeCycle: "TN2164",
  /** Constant bounds with the lower above the upper: no value fits. */
  rangeEmpty: "TN2165",
  /** `at most N per …` with N not a whole number of at least 1. */
  eventLimitNotPositive: "TN2166",
  /** A test period's value outside its input's constant range (warning: tests are not held to the ranges). */
  testValueOutsideRange: "TN2167",

  // ---- modules and templates (TN220x–TN222x, src/modules)
  /** An import whose file cannot be found or read (or imports are not available here). */
  moduleNotFound: "TN2200",
  /** Files that import each other in a circle. */
  importCycle: "TN2201",
  /** An imported file with its own errors. */
  moduleHasErrors: "TN2202",
  /** An imported name that the file does not offer as a template. */
  unknownImport: "TN2203",
  /** `use` of a template that is neither declared nor imported. */
  unknownTemplate: "TN2204",
  /** `use` with an argument the template has no parameter for. */
  unknownParameter: "TN2205",
  /** `use` without a value for a parameter that has no default. */
  missingParameter: "TN2206",
  /** `use` giving one parameter twice. */
  duplicateArgument: "TN2207",
  /** An argument of the wrong type or unit for its parameter. */
  argumentTypeMismatch: "TN2208",
  /** An argument that must be a name (party, unit, event, tiers) or a literal (a count or date the clause needs as written). */
  argumentNotLiteral: "TN2209",
  /** Two templates, or two parameters of one template, with one name. */
  duplicateTemplate: "TN2210",
  /** A template's let or balance that reuses one of its parameter names. */
  templateLocalShadowsParam: "TN2211",
  /** A title on `use` of a schedule or const template (only clauses have titles). */
  titleOnNonClause: "TN2212",
  /** More imported files than src/limits.ts allows. */
  tooManyModules: "TN2213",
  /** A template naming a party, unit, event or value of a sheet instead of a parameter. */
  templateUsesSheetName: "TN2214",
  /** A parameter name (for N consecutive periods, from/until) outside a template. */
  templateParamOutsideTemplate: "TN2216",
} as const;

export type CheckCode = (typeof CHECK)[keyof typeof CHECK];
