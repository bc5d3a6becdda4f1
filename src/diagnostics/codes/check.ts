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
} as const;

export type CheckCode = (typeof CHECK)[keyof typeof CHECK];
