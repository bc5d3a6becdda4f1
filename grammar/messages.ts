/**
 * Parse error messages in plain words. Chevrotain calls this provider while
 * parsing; it says only what was expected ("expected an expression").
 * parseSource completes the message from the token stream ("… after '*',
 * found '*'"), because during recovery Chevrotain's idea of the previous
 * token can be a token it has already skipped.
 */
import { EOF } from "chevrotain";
import type { IParserErrorMessageProvider, IToken, TokenType } from "chevrotain";

/** Rule-specific words for an expected token (rule name → token name → words). */
const EXPECTED_IN_RULE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  block: { RBrace: "a statement or '}'" },
  partiesDecl: { RBrace: "a party (name: \"Legal name\") or '}'" },
  scheduleDecl: { RBrace: "a schedule entry (year N: …) or '}'" },
  testDecl: { RBrace: "'period', 'event', 'expect' or '}'" },
  testPeriod: { RBrace: "a value (name = …) or '}'" },
};

/** How a token type reads in a message: its label (`'let'`, `a name`) or name. */
export function describeType(type: TokenType): string {
  return type.LABEL ?? type.name;
}

/** How an actual token reads in a message; `end` describes the end of input. */
export function describeToken(token: IToken | undefined, end = "the end of the file"): string {
  if (token === undefined || token.tokenType === EOF) return end;
  const image = token.image.length > 24 ? `${token.image.slice(0, 24)}…` : token.image;
  return `'${image}'`;
}

/** Distinct first tokens of the given paths, as "a or b or c". */
function firstTokens(paths: readonly (readonly (readonly TokenType[])[])[]): string {
  const words: string[] = [];
  for (const alt of paths) {
    for (const path of alt) {
      const first = path[0];
      if (first === undefined) continue;
      const word = describeType(first);
      if (!words.includes(word)) words.push(word);
    }
  }
  if (words.length === 0) return "something else";
  if (words.length === 1) return words[0]!;
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** The message of a NotAllInputParsedException (tokens left after a whole declaration). */
export const EXPECTED_NEW_DECLARATION = "expected a new declaration";

/** Chevrotain's error message hook: "expected …" in plain words. */
export const tenorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, ruleName }) {
    return `expected ${EXPECTED_IN_RULE[ruleName]?.[expected.name] ?? describeType(expected)}`;
  },
  buildNotAllInputParsedMessage() {
    return EXPECTED_NEW_DECLARATION;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, customUserDescription }) {
    return `expected ${customUserDescription ?? firstTokens(expectedPathsPerAlt)}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, customUserDescription }) {
    return `expected ${customUserDescription ?? firstTokens([expectedIterationPaths])}`;
  },
};
