/**
 * Catalog codes that no case file can produce (or only a case file too large
 * to keep in the repository), each with the reason. The
 * coverage test in cases.test.ts fails when a code is missing from every
 * baseline and is not listed here, and when a listed code turns out to be
 * produced by a case after all (then it must leave this list).
 */
export const UNCOVERABLE_CODES: Readonly<Record<string, string>> = {
  // ---- parse
  TN1005: "source larger than 10,000,000 bytes: a case file that size does not belong in the repository (test/syntax/parse-limits.test.ts lowers the limit instead)",
  TN1007: "internal parser error: only reported when the parser itself throws, which no input should make it do",
  TN1008: "term sheet not valid UTF-8: found by the CLI when it decodes a file's bytes, while case files are read as text (test/cli/source-text.test.ts covers it)",

  // ---- check
  TN2090: "more than 1,000,000 syntax nodes: the smallest such term sheet is about 1 MB (the checker's node limit is tested with a lowered limit instead)",
  TN2213: "more than 100 imported files: a case would need 101 library files (test/modules/load.test.ts lowers the limit instead)",
  TN2047: "expression deeper than 1,000 levels: the parser's nesting limit (200 levels, counting pending operators) rejects such source first with TN1004 (see parse/long-sum-too-deep)",

  // ---- run: guarded by the checker or the inputs loader, kept as defensive codes
  TN3003: "no schedule entry for a period: the checker proves every schedule covers every period (TN2050)",
  TN3007: "an input without a value at run time: the inputs loader rejects missing values first (TN3101, TN3120), and test blocks need every input (TN2016)",
  TN3008: "data rows not aligned with the term: the inputs loader requires rows contiguous from period 1 (TN3104, TN3105, TN3119)",
  TN3009: "test period not in the term: the checker reports it first (TN2080, TN2081)",
  TN3010: "test period listed twice: the checker reports it first (TN2002)",
  TN3011: "test period without every input: the checker reports it first (TN2016)",
  TN3012: "test value for an unknown input: the checker reports it first (TN2013)",
  TN3013: "test event in a period the test does not list: the checker reports it first (TN2083)",
  TN3014: "test event undeclared or with wrong arguments: the checker reports it first (TN2004, TN2014, TN2015)",
  TN3015: "expect in a period the test does not list: the checker reports it first (TN2082)",
  TN3017: "test value given twice for one period: the checker reports it first (TN2002)",
  TN3125: "inputs file over 50,000,000 bytes, or JSON with more values than the row and event limits allow (over 640,000): at least a megabyte of fixture",
  TN3127: "more than 100,000 events: the smallest such events file is about 200 KB",
  TN3128: "inputs file not valid UTF-8: found by the CLI when it decodes a file's bytes, while case files are read as text (test/cli/source-text.test.ts covers it)",
  TN3099: "internal interpreter error: only reported when the interpreter itself fails, which no input should make it do",
};
