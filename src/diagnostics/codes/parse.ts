/** TN1xxx: lexing and parsing. */
export const PARSE = {
  unexpectedCharacter: "TN1001",
  unexpectedToken: "TN1002",
  unterminatedString: "TN1003",
  nestingTooDeep: "TN1004",
  sourceTooLarge: "TN1005",
  wrongScheduleKeyWord: "TN1006",
  internalParserError: "TN1007",
  paramsOutsideTemplate: "TN1010",
} as const;
