/**
 * Operator precedence (docs/language.md §4), lowest first: `or` 1, `and` 2,
 * prefix `not` 3, comparisons 4 (non-associative), `+ -` 5, `* /` 6,
 * unary `-` 7, primaries 8. One table for the AST builder, which applies
 * it to the parser's flat operator chains, and for the printer, which
 * brackets by it: the two can never disagree.
 */
export const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1,
  and: 2,
  "<": 4, "<=": 4, ">": 4, ">=": 4, "==": 4, "!=": 4,
  "+": 5, "-": 5,
  "*": 6, "/": 6,
};
export const NOT_PRECEDENCE = 3;
export const COMPARISON_PRECEDENCE = 4;
export const NEGATION_PRECEDENCE = 7;
export const PRIMARY_PRECEDENCE = 8;
