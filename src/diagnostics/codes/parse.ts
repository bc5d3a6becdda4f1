/** TN1xxx: lexing and parsing. */
export const PARSE = {
  unexpectedCharacter: "TN1001",
  unexpectedToken: "TN1002",
  unterminatedString: "TN1003",
  nestingTooDeep: "TN1004",
  sourceTooLarge: "TN1005",
  wrongScheduleKeyWord: "TN1006",
  internalParserError: "TN1007",
  /** The term sheet's bytes are not UTF-8 (the CLI decodes strictly); reported at the first bad byte. */
  invalidUtf8: "TN1008",
  paramsOutsideTemplate: "TN1010",
} as const;
