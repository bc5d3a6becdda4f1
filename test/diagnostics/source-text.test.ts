/**
 * Issue 19, item 4 (source text), below the CLI: strict UTF-8 decoding,
 * lone CR line breaks, long snippet lines cut around the caret, hidden
 * characters shown as U+XXXX (docs/language.md §14 "Source text").
 */
import { describe, expect, it } from "vitest";
import { LineMap } from "../../src/diagnostics/positions.ts";
import { renderDiagnostic, renderDiagnostics } from "../../src/diagnostics/render.ts";
import { codePointLabel, displayText, isHidden, snippet } from "../../src/text/display.ts";
import { decodeUtf8, describeUtf8Error, firstIllFormed } from "../../src/text/utf8.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { lex } from "../../grammar/lexer.ts";

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe("strict UTF-8 decoding", () => {
  it("decodes UTF-8 and keeps a byte order mark as U+FEFF (offsets are the editor's)", () => {
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80))).toEqual({ text: "\uFEFFaé😀" });
  });

  it("finds the first ill-formed sequence: lone bytes, overlongs, surrogates, past U+10FFFF, cut characters", () => {
    const cases: [number[], { offset: number; length: number; atEnd: boolean }][] = [
      [[0x61, 0xff], { offset: 1, length: 1, atEnd: false }],
      [[0x61, 0x80], { offset: 1, length: 1, atEnd: false }], // continuation byte alone
      [[0xc0, 0x80], { offset: 0, length: 1, atEnd: false }], // overlong NUL
      [[0xe0, 0x80, 0x80], { offset: 0, length: 1, atEnd: false }], // overlong
      [[0xed, 0xa0, 0x80], { offset: 0, length: 1, atEnd: false }], // a surrogate
      [[0xf4, 0x90, 0x80, 0x80], { offset: 0, length: 1, atEnd: false }], // past U+10FFFF
      [[0x61, 0xe2, 0x82, 0x61], { offset: 1, length: 2, atEnd: false }], // cut by another character
      [[0x61, 0xe2, 0x82], { offset: 1, length: 2, atEnd: true }], // cut by the end of the file
    ];
    for (const [input, expected] of cases) expect(firstIllFormed(bytes(...input)), input.join(" ")).toEqual(expected);
    expect(firstIllFormed(bytes(0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80))).toBeNull();
  });

  it("agrees with TextDecoder on every two-byte sequence and every lead byte with two continuations", () => {
    // None of these bytes encode U+FFFD itself, so a replacement character means the decoder found them ill-formed.
    const lossy = new TextDecoder("utf-8");
    const valid = (b: Uint8Array) => !lossy.decode(b).includes("\uFFFD");
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        const two = bytes(a, b);
        expect(firstIllFormed(two) === null, `${a} ${b}`).toBe(valid(two));
        const three = bytes(a, b, 0x80);
        expect(firstIllFormed(three) === null, `${a} ${b} 128`).toBe(valid(three));
      }
    }
  });

  it("reports where the bad byte is, in bytes and in the text shown with U+FFFD", () => {
    const result = decodeUtf8(bytes(...ascii('deal "X'), 0xff, ...ascii('"\n')));
    expect("invalid" in result).toBe(true);
    if (!("invalid" in result)) return;
    expect(result.invalid.byteOffset).toBe(7);
    expect(result.invalid.textOffset).toBe(7);
    expect(result.invalid.lossyText).toBe('deal "X\uFFFD"\n');
    expect(describeUtf8Error(result.invalid)).toBe("byte 7 (0xFF) cannot appear in UTF-8");
    // Offsets in the text count UTF-16 units: after "aé😀" (7 bytes, 4 units) the bad bytes start at byte 7, unit 4.
    const after = decodeUtf8(bytes(0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0xe2, 0x82));
    if (!("invalid" in after)) throw new Error("expected invalid");
    expect([after.invalid.byteOffset, after.invalid.textOffset]).toEqual([7, 4]);
    expect(describeUtf8Error(after.invalid)).toBe("bytes 7–8 (0xE2 0x82) are an incomplete UTF-8 character at the end of the file");
  });
});

describe("line breaks", () => {
  it("counts \\n, \\r\\n and a lone \\r as one break each", () => {
    const lines = new LineMap("a\rbb\r\ncc\nd\r\re");
    expect([0, 2, 6, 9, 11, 12].map((o) => lines.position(o))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 5, column: 1 },
      { line: 6, column: 1 },
    ]);
    expect([1, 2, 3, 4, 5, 6].map((l) => lines.lineText(l))).toEqual(["a", "bb", "cc", "d", "", "e"]);
  });

  it("puts a diagnostic of a CR-only file on its line, not at 1:409 (issue 19)", () => {
    const source = 'deal "X"\rparties {\r  a: "A"\r}\rclause c {\r  a pays b 1 USD * *\r}\r';
    const parsed = parseSource(source);
    const rendered = renderDiagnostics(parsed.diagnostics, "cr.tenor", source);
    expect(rendered.split("\n").slice(0, 3)).toEqual([
      expect.stringMatching(/^cr\.tenor:6:\d+: error: /),
      expect.stringMatching(/^ 6 \|   a pays b 1 USD \* \*$/),
      expect.stringMatching(/^   \| +\^/),
    ]);
  });

  it("counts the lines the lexer counts, whatever the line ends", () => {
    const source = 'deal "X"\r// a comment\rparties {\r\n  a: "A" // ends at the CR\r  b: "B"\n}\r\rclause c { a pays b 1 USD }\r';
    const lines = new LineMap(source);
    const tokens = lex(source).tokens;
    expect(tokens.length).toBeGreaterThan(10);
    for (const t of tokens) {
      expect(lines.position(t.startOffset), t.image).toEqual({ line: t.startLine, column: t.startColumn });
    }
    // `//` comments end at a lone CR too: `b` is a token, not part of the comment.
    expect(tokens.some((t) => t.image === "b")).toBe(true);
  });
});

describe("hidden characters", () => {
  it("shows controls, format characters, separators, odd spaces and lone surrogates as U+XXXX", () => {
    const hidden = ["\0", "\x1b", "\n", "\r", "\x7f", "\x85", "\u00a0", "\u00ad", "\u200b", "\u200d", "\u200f", "\u2028", "\u2029", "\u202a", "\u202e", "\u2060", "\u2064", "\u2003", "\u3000", "\ufeff", "\ud800", "\udc00", "\u{e0001}"];
    for (const ch of hidden) expect(isHidden(ch), codePointLabel(ch.codePointAt(0)!)).toBe(true);
    for (const ch of ["\t", " ", "a", "é", "→", "…", "😀", "\ufffd"]) expect(isHidden(ch), ch).toBe(false);
    expect(displayText("Fee\0deal\u2003x\x1b[31mRED\u202e")).toBe("FeeU+0000dealU+2003xU+001B[31mREDU+202E");
    expect(displayText("tab\tand space, 😀 é")).toBe("tab\tand space, 😀 é");
    expect(displayText("\u{e0001}\ud800")).toBe("U+E0001U+D800");
  });

  it("keeps the caret under the right character when characters before it are shown as U+XXXX", () => {
    const line = 'clause c "a\0b" { a pays b 1 USD\u2003}';
    const at = line.indexOf("\u2003");
    const shown = snippet(line, at, at + 1);
    expect(shown.text).toBe('clause c "aU+0000b" { a pays b 1 USDU+2003}');
    expect(shown.caret).toBe(" ".repeat(shown.text.indexOf("U+2003")) + "^^^^^^");
  });

  it("renders messages and notes with hidden characters escaped", () => {
    const source = 'deal "X\x1b[2J"\n';
    const d = { code: "TN2001", severity: "error" as const, message: "unknown name \x1b[2J\u202e", range: { start: 5, end: 12 }, related: [{ range: { start: 0, end: 4 }, message: "see \0 here" }] };
    expect(renderDiagnostic(d, "f.tenor", new LineMap(source)).split("\n")).toEqual([
      "f.tenor:1:6: error: unknown name U+001B[2JU+202E [TN2001]",
      ' 1 | deal "XU+001B[2J"',
      "   |      ^^^^^^^^^^^^",
      "f.tenor:1:1: note: see U+0000 here",
    ]);
  });

  it("does not show a byte order mark that opens the file, and keeps the caret under the first word", () => {
    const source = "\uFEFFdeal x\n";
    const d = { code: "TN1002", severity: "error" as const, message: "m", range: { start: 6, end: 7 } };
    expect(renderDiagnostic(d, "f.tenor", new LineMap(source)).split("\n").slice(1)).toEqual([" 1 | deal x", "   |      ^"]);
  });
});

describe("long lines in diagnostics", () => {
  const line = (n: number) => "abcdefghijklmnopqrstuvwxyz".repeat(Math.ceil(n / 26)).slice(0, n);

  it("prints a short line whole", () => {
    expect(snippet("abc", 1, 2)).toEqual({ text: "abc", caret: " ^" });
    expect(snippet("abc", 3, 3)).toEqual({ text: "abc", caret: "   ^" }); // past the end of the line
    expect(snippet("\tab", 1, 3)).toEqual({ text: "\tab", caret: "\t^^" });
  });

  it("cuts a 2.5 MB line to at most 120 columns around the caret, with … on each cut side (issue 19)", () => {
    const text = line(2_500_000);
    const at = 1_234_567;
    const shown = snippet(text, at, at + 3);
    expect(shown.text.length).toBeLessThanOrEqual(120);
    expect(shown.text.startsWith("…") && shown.text.endsWith("…")).toBe(true);
    const caretAt = shown.caret.indexOf("^");
    expect(shown.text.slice(caretAt, caretAt + 3)).toBe(text.slice(at, at + 3));
    expect(shown.caret.slice(caretAt)).toBe("^^^");
  });

  it("cuts only the side that is long: the start of a line, the end of a line", () => {
    const text = line(1000);
    const start = snippet(text, 5, 6);
    expect(start.text).toBe(`${text.slice(0, 119)}…`);
    expect(start.caret).toBe("     ^");
    const end = snippet(text, 995, 996);
    expect(end.text).toBe(`…${text.slice(1000 - 119)}`);
    expect(end.text[end.caret.indexOf("^")]).toBe(text[995]);
    expect(end.text.length).toBe(120);
  });

  it("keeps the caret right in a cut line with hidden characters and surrogate pairs", () => {
    const text = `${"😀\0".repeat(5000)}X${"\u2003y".repeat(5000)}`;
    const at = text.indexOf("X");
    const shown = snippet(text, at, at + 1);
    expect([...shown.text].length).toBeLessThanOrEqual(120);
    const caretAt = shown.caret.indexOf("^");
    // The caret line spaces a surrogate pair as two columns, like the line above it: compare by UTF-16 index.
    expect(shown.text[caretAt]).toBe("X");
    expect(shown.caret.slice(caretAt)).toBe("^");
  });

  it("renders a diagnostic in a 2.5 MB line in a few hundred characters", () => {
    const source = `deal "X"\nconst a = ${"1 + ".repeat(625_000)}\n`;
    const start = source.length - 10;
    const text = renderDiagnostic({ code: "TN2001", severity: "error", message: "m", range: { start, end: start + 1 } }, "f.tenor", new LineMap(source));
    expect(text.length).toBeLessThan(400);
    const [, snip, caret] = text.split("\n");
    expect(snip!.slice(5)[caret!.slice(5).indexOf("^")]).toBe(source[start]);
  });
});
