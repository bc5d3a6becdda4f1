/**
 * A cheap, non-recursive scan that finds where a declaration nests deeper
 * than the limit, so the recursive-descent parser (and every later phase
 * that recurses over the tree) never meets input that could overflow the
 * stack. Counted as depth: open brackets, `if`s, prefix `-` / `not` runs
 * and binary operators pending in the current expression (a long chain
 * `a + b + …` is a deep left-leaning tree too).
 */
import { createTokenInstance } from "chevrotain";
import type { IToken, TokenType } from "chevrotain";
import { startsDeclaration } from "./chunks.ts";
import {
  Colon,
  DateLit,
  EqEq,
  Greater,
  GreaterEq,
  Identifier,
  KEYWORDS,
  KW,
  LBrace,
  Less,
  LessEq,
  LParen,
  Minus,
  NotEq,
  NumberLit,
  Percent,
  Plus,
  RBrace,
  RParen,
  Slash,
  Star,
  StringLit,
  UnterminatedString,
} from "./tokens.ts";

/** How the scan treats each token type (by tokenTypeIdx). */
const Role = { Open: 0, Close: 1, Operator: 2, Operand: 3, ExpressionWord: 4, Separator: 5 } as const;
type Role = (typeof Role)[keyof typeof Role];

const ROLE = new Map<number, Role>();
function assign(role: Role, ...types: TokenType[]): void {
  for (const type of types) ROLE.set(type.tokenTypeIdx!, role);
}
assign(Role.Operator, Minus, Plus, Star, Slash, Less, LessEq, Greater, GreaterEq, EqEq, NotEq, KW.and, KW.or, KW.not, KW.if);
assign(Role.Operand, Identifier, NumberLit, DateLit, StringLit, UnterminatedString, Percent, KW.contract_year, KW.million, KW.billion);
assign(Role.Open, LParen, LBrace);
assign(Role.Close, RParen, RBrace);
// Keywords that live inside expressions and so do not end one.
assign(Role.ExpressionWord, KW.then, KW.else, KW.per);

/**
 * The first token of `tokens[start, end)` at which nesting exceeds
 * `maxDepth`, or null when the slice stays within it.
 */
export function findTooDeep(
  tokens: readonly IToken[],
  start: number,
  end: number,
  maxDepth: number,
): IToken | null {
  // pending[i]: operators and prefixes still open at bracket level i.
  const pending: number[] = [0];
  let depth = 0;
  for (let i = start; i < end; i++) {
    const token = tokens[i]!;
    const role = ROLE.get(token.tokenTypeIdx) ?? Role.Separator;
    const top = pending.length - 1;
    switch (role) {
      case Role.Open:
        pending.push(0);
        depth += 1;
        break;
      case Role.Close:
        if (top > 0) {
          depth -= 1 + pending[top]!;
          pending.pop();
        }
        break;
      case Role.Operator:
        // a prefix `-`/`not`, an `if`, or a binary operator: each nests the tree one level
        pending[top] = pending[top]! + 1;
        depth += 1;
        break;
      case Role.Operand:
      case Role.ExpressionWord:
        break;
      case Role.Separator:
        // A statement keyword or `=`, `,`, `:` ends the expression at this level.
        depth -= pending[top]!;
        pending[top] = 0;
        break;
    }
    if (depth > maxDepth) return token;
  }
  return null;
}

// ---------------------------------------------------------------- the same scan on raw text

/**
 * A too-deep declaration found by `findTooDeepInText`: the declaration's
 * extent `[start, end)` (from its first token to the next declaration's
 * first token, or the end of the text) and the token at which nesting
 * first exceeded the limit.
 */
export interface DeepDeclaration {
  readonly start: number;
  readonly end: number;
  readonly at: { readonly start: number; readonly end: number };
}

/** What starts a declaration: always (`const`, `clause`, …), or `term`/`event` depending on the next token. */
const Starts = { Never: 0, Always: 1, Term: 2, Event: 3, UnlessAfterTemplate: 4, UnlessAfterTemplateOrColon: 5 } as const;
type Starts = (typeof Starts)[keyof typeof Starts];

/** Token classes of the text scan (a role, plus what the `term`/`event` lookahead needs). */
const Class = { Identifier: 10, Date: 11 } as const;

interface KeywordEntry {
  readonly text: string;
  readonly role: Role;
  readonly starts: Starts;
}

/** `template`, as the token before a word (see `Starts.UnlessAfterTemplate`). */
const TEMPLATE_TOKEN = createTokenInstance(KW.template, "template", 0, 7, 1, 1, 1, 8);
/** `:`, as the token before a word (`rates: tiers`, see `Starts.UnlessAfterTemplateOrColon`). */
const COLON_TOKEN = createTokenInstance(Colon, ":", 0, 0, 1, 1, 1, 2);

const MAX_KEYWORD = Math.max(...KEYWORDS.map((w) => w.length));
/** Keywords by (first letter, length): an array lookup and a few character compares, no allocation. */
const KEYWORD_TABLE: (KeywordEntry[] | undefined)[] = [];
for (const word of KEYWORDS) {
  const type = KW[word];
  const fake = createTokenInstance(type, word, 0, word.length - 1, 1, 1, 1, word.length);
  const entry: KeywordEntry = {
    text: word,
    role: ROLE.get(type.tokenTypeIdx!) ?? Role.Separator,
    // Derived from chunks.ts (a lone keyword token), so the two never drift.
    starts: startsDeclaration([fake], 0)
      ? startsDeclaration([TEMPLATE_TOKEN, fake], 1)
        ? Starts.Always
        : startsDeclaration([COLON_TOKEN, fake], 1) ? Starts.UnlessAfterTemplate : Starts.UnlessAfterTemplateOrColon
      : word === "term" ? Starts.Term : word === "event" ? Starts.Event : Starts.Never,
  };
  const slot = (word.charCodeAt(0) - 0x61) * (MAX_KEYWORD + 1) + word.length;
  (KEYWORD_TABLE[slot] ??= []).push(entry);
}

function keywordAt(text: string, start: number, end: number): KeywordEntry | null {
  const length = end - start;
  const first = text.charCodeAt(start);
  if (length > MAX_KEYWORD || first < 0x61 || first > 0x7a) return null;
  const candidates = KEYWORD_TABLE[(first - 0x61) * (MAX_KEYWORD + 1) + length];
  if (candidates === undefined) return null;
  for (const k of candidates) {
    let i = 1;
    while (i < length && k.text.charCodeAt(i) === text.charCodeAt(start + i)) i++;
    if (i === length) return k;
  }
  return null;
}

/** Character classes for the scan's hot loop: 1 word start, 2 digit (both continue a word), 3 space/newline. */
const CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  CHAR[c] = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f ? 1 : c >= 0x30 && c <= 0x39 ? 2 : c === 0x20 || c === 0x0a ? 3 : 0;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isWordStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}
function isWordPart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0x30 && c <= 0x39);
}
/** grammar/tokens.ts WhiteSpace: `[ \t\r\n\f\v\uFEFF\u00A0]`. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xfeff || c === 0xa0;
}

/**
 * One token of a lexer that mirrors grammar/tokens.ts token for token (same
 * extents, same first-match order, bad characters skipped one at a time)
 * but only classifies what the nesting scan needs. It exists because
 * Chevrotain's lexer costs about a microsecond per token: 100,000 nested
 * `if`s would take half a second to lex before the depth check could
 * refuse them. The result lands in the module-level `tok*` variables (no
 * allocation per token).
 */
let tokStart = 0;
let tokEnd = 0;
/** A Role, or Class.Identifier / Class.Date (both operands). */
let tokClass = 0;
let tokStarts: Starts = Starts.Never;

/** Scans the first token at or after `pos`; false at the end of the text. */
function scanToken(t: string, pos: number): boolean {
  const n = t.length;
  let i = pos;
  tokStarts = Starts.Never;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    tokStart = i;
    if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordPart(t.charCodeAt(j))) j++;
      tokEnd = j;
      // A keyword only when the whole word is one (Identifier is every keyword's longer_alt).
      const k = keywordAt(t, i, j);
      if (k === null) tokClass = Class.Identifier;
      else {
        tokClass = k.role;
        tokStarts = k.starts;
      }
      return true;
    }
    if (isDigit(c)) {
      // DateLit `\d{4}-\d{2}-\d{2}` is tried before NumberLit `\d[\d_]*(\.\d[\d_]*)?`.
      if (
        isDigit(t.charCodeAt(i + 1)) && isDigit(t.charCodeAt(i + 2)) && isDigit(t.charCodeAt(i + 3)) &&
        t.charCodeAt(i + 4) === 0x2d && isDigit(t.charCodeAt(i + 5)) && isDigit(t.charCodeAt(i + 6)) &&
        t.charCodeAt(i + 7) === 0x2d && isDigit(t.charCodeAt(i + 8)) && isDigit(t.charCodeAt(i + 9))
      ) {
        tokEnd = i + 10;
        tokClass = Class.Date;
        return true;
      }
      let j = i + 1;
      while (j < n && (isDigit(t.charCodeAt(j)) || t.charCodeAt(j) === 0x5f)) j++;
      if (t.charCodeAt(j) === 0x2e && isDigit(t.charCodeAt(j + 1))) {
        j += 2;
        while (j < n && (isDigit(t.charCodeAt(j)) || t.charCodeAt(j) === 0x5f)) j++;
      }
      tokEnd = j;
      tokClass = Role.Operand;
      return true;
    }
    const next = t.charCodeAt(i + 1);
    tokEnd = i + 1;
    switch (c) {
      case 0x2f: // `//` comment to the end of the line, or `/`
        if (next === 0x2f) {
          i += 2;
          while (i < n && t.charCodeAt(i) !== 0x0a && t.charCodeAt(i) !== 0x0d) i++;
          continue;
        }
        tokClass = Role.Operator;
        return true;
      case 0x22: {
        // StringLit or UnterminatedString (both operands): ends at `"`, a line break or the end.
        let j = i + 1;
        while (j < n) {
          const d = t.charCodeAt(j);
          if (d === 0x22) {
            j++;
            break;
          }
          if (d === 0x0a || d === 0x0d) break;
          if (d === 0x5c) {
            const e = t.charCodeAt(j + 1);
            if (j + 1 < n && e !== 0x0a && e !== 0x0d) j += 2;
            else {
              j++; // a trailing backslash belongs to the unterminated string
              break;
            }
            continue;
          }
          j++;
        }
        tokEnd = j;
        tokClass = Role.Operand;
        return true;
      }
      case 0x28: // (
      case 0x7b: // {
        tokClass = Role.Open;
        return true;
      case 0x29: // )
      case 0x7d: // }
        tokClass = Role.Close;
        return true;
      case 0x2b: // +
      case 0x2d: // -
      case 0x2a: // *
        tokClass = Role.Operator;
        return true;
      case 0x3c: // < <=
      case 0x3e: // > >=
        if (next === 0x3d) tokEnd = i + 2;
        tokClass = Role.Operator;
        return true;
      case 0x3d: // = ==
        if (next === 0x3d) {
          tokEnd = i + 2;
          tokClass = Role.Operator;
        } else {
          tokClass = Role.Separator;
        }
        return true;
      case 0x21: // != (a lone ! is a lexer error)
        if (next === 0x3d) {
          tokEnd = i + 2;
          tokClass = Role.Operator;
          return true;
        }
        break;
      case 0x25: // %
        tokClass = Role.Operand;
        return true;
      case 0x2c: // ,
      case 0x3a: // :
        tokClass = Role.Separator;
        return true;
      case 0x2e: // `..` between a range's bounds (a lone `.` is a lexer error)
        if (next === 0x2e) {
          tokEnd = i + 2;
          tokClass = Role.Separator;
          return true;
        }
        break;
      default:
        break;
    }
    i++; // a character no token starts with: a lexer error, not a token
  }
  tokStart = tokEnd = n;
  return false;
}

/** Whether a keyword that declares except after `template` (or also after `:`) declares here. */
function startsHere(starts: Starts, afterTemplate: boolean, afterColon: boolean): boolean {
  if (starts === Starts.UnlessAfterTemplate) return !afterTemplate;
  if (starts === Starts.UnlessAfterTemplateOrColon) return !afterTemplate && !afterColon;
  return false;
}

/** Whether a token starts at character `c` (followed by `next`) that is not a word, number, string or comment. */
function startsPunctuation(c: number, next: number): boolean {
  switch (c) {
    case 0x28: case 0x29: case 0x7b: case 0x7d: case 0x2b: case 0x2d: case 0x2a: case 0x2f:
    case 0x3c: case 0x3e: case 0x3d: case 0x25: case 0x2c: case 0x3a:
      return true;
    case 0x21:
      return next === 0x3d;
    case 0x2e:
      return next === 0x2e;
    default:
      return false;
  }
}

/** Whether the `term`/`event` token just scanned starts a declaration: `term DATE …`, `event NAME(…)`. */
function lookaheadStarts(t: string, starts: Starts, end: number): boolean {
  if (!scanToken(t, end)) return false;
  return starts === Starts.Term ? tokClass === Class.Date : tokClass === Class.Identifier;
}

/** Declaration keywords by their text, for skipping the rest of a too-deep declaration. */
const DECLARATION_WORDS = new Map<string, KeywordEntry>();
for (const entries of KEYWORD_TABLE) for (const k of entries ?? []) if (k.starts !== Starts.Never) DECLARATION_WORDS.set(k.text, k);

/**
 * What the skip after a too-deep token stops at, found by one regular
 * expression (native code, no work per character in JavaScript): a string
 * (group 1) or a comment, skipped whole so that nothing inside them counts,
 * or a word that may start a declaration (group 2). A word preceded by a
 * letter is part of an identifier; one preceded by a digit or `_` is
 * checked by `startsToken`.
 */
const SKIP_TO_DECLARATION = new RegExp(
  String.raw`("(?:[^"\\\r\n]|\\[^\r\n])*["\\]?)|\/\/[^\r\n]*|(?<![A-Za-z])(` +
    [...DECLARATION_WORDS.keys()].sort((a, b) => b.length - a.length).join("|") +
    String.raw`)(?![A-Za-z0-9_])`,
  "g",
);

/**
 * Whether a token starts at `start`, lexing from `from` (a token boundary
 * with no string or comment between it and `start`). Needed only for a word
 * right after a digit or `_`: `12const` and `1_const` lex as a number and
 * `const`, `_1const` and `2026-07-01_const` as an identifier after a date.
 */
function startsToken(t: string, from: number, start: number): boolean {
  for (let p = from; scanToken(t, p); p = tokEnd) {
    if (tokStart >= start) return tokStart === start;
    if (tokEnd > start) return false;
  }
  return false;
}

/** Whether nothing a token starts with lies at `c` (followed by `next`): a space, or a character the lexer skips as an error. */
function isNoToken(c: number, next: number): boolean {
  return isSpace(c) || !(isWordPart(c) || c === 0x22 || startsPunctuation(c, next));
}

/** The last offset before `pos` (scanning down to `floor`) at which a token character lies, or floor - 1. */
function lastTokenCharBefore(t: string, pos: number, floor: number): number {
  let q = pos - 1;
  while (q >= floor && isNoToken(t.charCodeAt(q), t.charCodeAt(q + 1))) q--;
  return q;
}

/**
 * The offset of the next token at or after `pos` that starts a declaration
 * (or the end of the text), `pos` being just after the token at which the
 * declaration went too deep: that token is an open bracket or an operator,
 * never `template` or `:`. Exact, like `scanToken`: strings and comments
 * are skipped whole, a keyword counts only as a whole token, `tiers` only
 * when the token before it is not `:` (`clause`, `schedule` and `const`
 * would need `template` before them, which itself starts a declaration),
 * `term` and `event` only with the token after them that makes them one.
 */
function skipToDeclaration(t: string, pos: number): number {
  const re = SKIP_TO_DECLARATION;
  re.lastIndex = pos;
  // The last string, comment or keyword matched, and the run of comments (only spaces between them) it ends.
  let lastEnd = pos;
  let lastWasComment = false;
  let runStart = pos;
  let beforeRunEnd = pos;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    const start = m.index;
    const end = re.lastIndex;
    const word = m[2];
    if (word === undefined) {
      if (m[1] === undefined) {
        // a comment: it continues the run of comments before it when only spaces separate them
        if (!(lastWasComment && lastTokenCharBefore(t, start, lastEnd) < lastEnd)) {
          runStart = start;
          beforeRunEnd = lastEnd;
        }
        lastWasComment = true;
      } else lastWasComment = false;
      lastEnd = end;
      continue;
    }
    const previous = t.charCodeAt(start - 1);
    if (!(isDigit(previous) || previous === 0x5f) || startsToken(t, lastEnd, start)) {
      const k = DECLARATION_WORDS.get(word)!;
      let declares: boolean;
      if (k.starts === Starts.Term || k.starts === Starts.Event) declares = lookaheadStarts(t, k.starts, end);
      else if (k.starts === Starts.UnlessAfterTemplateOrColon) {
        // The token before: in the code since the last match, or before the run of comments that match ends.
        let q = lastTokenCharBefore(t, start, lastEnd);
        if (q < lastEnd && lastWasComment) q = lastTokenCharBefore(t, runStart, beforeRunEnd);
        declares = !(q >= lastEnd || (lastWasComment && q >= beforeRunEnd)) || t.charCodeAt(q) !== 0x3a;
      } else declares = true;
      if (declares) return start;
    }
    lastWasComment = false;
    lastEnd = end;
  }
  return t.length;
}

/**
 * The declarations of `text` that nest deeper than `maxDepth`, found
 * without Chevrotain: the same chunks (grammar/chunks.ts) and the same
 * depth rule as `findTooDeep`, in one pass over the characters. The parser
 * blanks these declarations out before lexing, so that pathological input
 * (100,000 nested `if`s) costs a character scan, not a full lex.
 *
 * The common tokens (space, words, numbers, brackets, one-character
 * operators) are scanned inline; everything else goes through `scanToken`.
 * Once a declaration is too deep, its depth no longer matters: the rest of
 * it is passed over by `skipToDeclaration`'s regular expression, so 3.7 MB
 * of nested `if`s cost the scan of the first 200 levels and one native
 * search (issue 19; `npm run bench -- nesting`).
 */
export function findTooDeepInText(text: string, maxDepth: number): DeepDeclaration[] {
  const found: DeepDeclaration[] = [];
  const n = text.length;
  let pending: number[] = [0];
  let top = 0;
  let depth = 0;
  let chunkStart = -1;
  let deepStart = -1;
  let deepEnd = -1;
  let afterTemplate = false; // the last token was the keyword `template`
  let afterColon = false; // the last token was `:`
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const kind = c < 128 ? CHAR[c]! : 0;
    if (kind === 3) {
      i++;
      continue;
    }
    const start = i;
    let role: Role;
    let starts: Starts = Starts.Never;
    if (kind === 1) {
      let j = i + 1;
      for (let d = text.charCodeAt(j); d < 128 && CHAR[d]! !== 0 && CHAR[d]! !== 3; d = text.charCodeAt(++j));
      const k = keywordAt(text, i, j);
      if (k === null) role = Role.Operand;
      else {
        role = k.role;
        starts = k.starts;
      }
      i = j;
    } else if (c === 0x28 || c === 0x7b) {
      role = Role.Open;
      i++;
    } else if (c === 0x29 || c === 0x7d) {
      role = Role.Close;
      i++;
    } else if (c === 0x2b || c === 0x2d || c === 0x2a) {
      role = Role.Operator;
      i++;
    } else {
      // Numbers, strings, comments, two-character operators, odd characters: the full scanner.
      if (!scanToken(text, i)) break;
      if (tokStart !== i) {
        i = tokStart; // it skipped spaces, a comment or bad characters: look again from the token
        continue;
      }
      role = tokClass >= Class.Identifier ? Role.Operand : (tokClass as Role);
      starts = tokStarts;
      i = tokEnd;
    }
    const declares =
      starts === Starts.Always ||
      startsHere(starts, afterTemplate, afterColon) ||
      ((starts === Starts.Term || starts === Starts.Event) && lookaheadStarts(text, starts, i));
    afterTemplate = starts === Starts.Always && text.startsWith("template", start) && i - start === 8;
    afterColon = i - start === 1 && text.charCodeAt(start) === 0x3a;
    if (chunkStart < 0 || declares) {
      if (deepStart >= 0) found.push({ start: chunkStart, end: start, at: { start: deepStart, end: deepEnd } });
      chunkStart = start;
      pending = [0];
      top = 0;
      depth = 0;
      deepStart = -1;
    }
    if (deepStart >= 0) continue; // already too deep: only look for the next declaration
    switch (role) {
      case Role.Open:
        pending.push(0);
        top++;
        depth += 1;
        break;
      case Role.Close:
        if (top > 0) {
          depth -= 1 + pending[top]!;
          pending.pop();
          top--;
        }
        break;
      case Role.Operator:
        pending[top]!++;
        depth += 1;
        break;
      case Role.Separator:
        depth -= pending[top]!;
        pending[top] = 0;
        break;
      default:
        break;
    }
    if (depth > maxDepth) {
      deepStart = start;
      deepEnd = i;
      i = skipToDeclaration(text, i);
    }
  }
  if (deepStart >= 0) found.push({ start: chunkStart, end: n, at: { start: deepStart, end: deepEnd } });
  return found;
}
