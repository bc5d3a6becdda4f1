/**
 * Issue 19, item 4, through the commands (docs/language.md §14 "Source
 * text"): invalid UTF-8 is an error at its first bad byte (TN1008, TN3128),
 * CR-only files get real positions, a 2.5 MB line is not echoed whole, and
 * NUL, U+2003 and escape sequences in titles do not reach the terminal raw.
 */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo } from "./fake-io.ts";

const DEAL = `deal "Fee deal"
parties {
  vendor: "GPU vendor"
  operator: "AI cloud operator"
}
term 2026-07-01 to 2026-12-31, quarterly
currency USD
input revenue: USD
clause share "Revenue share" {
  operator pays vendor revenue * 10%
}
test "ten percent" {
  period 2026-07-01 { revenue = 50_000 USD }
  expect operator pays vendor 5_000 USD under share
}
`;
const INPUTS = JSON.stringify({ periods: [{ period: "2026-07-01", revenue: "100.00" }, { period: "2026-10-01", revenue: "200.00" }] });
const utf8 = (text: string) => new TextEncoder().encode(text);
/** The UTF-8 bytes of `before`, then `bad`, then of `after`. */
const withBytes = (before: string, bad: number[], after: string) => new Uint8Array([...utf8(before), ...bad, ...utf8(after)]);

async function run(files: Record<string, string | Uint8Array>, ...argv: string[]) {
  const io = fakeIo(files);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err(), files };
}

describe("invalid UTF-8", () => {
  // "invalid UTF-8 in a source becomes U+FFFD, checks ok, and `fmt --write` rewrites the bytes" (issue 19)
  const bad = withBytes('deal "Fee', [0xe9], DEAL.slice('deal "Fee'.length));

  it("is TN1008 at the first bad byte of a term sheet, exit 1", async () => {
    const r = await run({ "deal.tenor": bad }, "check", "deal.tenor");
    expect(r.code).toBe(1);
    expect(r.err).toBe([
      "deal.tenor:1:10: error: the term sheet is not valid UTF-8: byte 9 (0xE9) starts a character that is not completed; save it as UTF-8 [TN1008]",
      ' 1 | deal "Fee\uFFFD deal"',
      "   |          ^",
      "deal.tenor: 1 error",
      "",
    ].join("\n"));
  });

  it("stops every command that reads a term sheet, and fmt --write leaves the bytes alone", async () => {
    for (const argv of [["fmt", "--write", "deal.tenor"], ["fmt", "deal.tenor"], ["test", "deal.tenor"], ["compile", "deal.tenor", "-o", "deal.json"], ["run", "deal.tenor", "--inputs", "inputs.json"]]) {
      const r = await run({ "deal.tenor": bad, "inputs.json": INPUTS }, ...argv);
      expect(r.code, argv.join(" ")).toBe(1);
      expect(r.err, argv.join(" ")).toMatch(/^deal\.tenor:1:10: error: the term sheet is not valid UTF-8: .*\[TN1008\]\n/);
      expect(r.files["deal.tenor"]).toBe(bad);
      expect(r.files["deal.json"]).toBeUndefined();
      expect(r.out).toBe("");
    }
  });

  it("names the byte, line and column of an inputs file (TN3128, exit 2)", async () => {
    const inputs = withBytes('{"periods": [\n  {"period": "2026-07-01", "revenue": "1', [0xe2, 0x82], '"}\n]}');
    const r = await run({ "deal.tenor": DEAL, "inputs.json": inputs }, "run", "deal.tenor", "--inputs", "inputs.json");
    expect(r.code).toBe(2);
    expect(r.err).toBe("inputs.json: error: inputs file inputs.json is not valid UTF-8: bytes 54–55 (0xE2 0x82) are an incomplete UTF-8 character (line 2, column 41); save it as UTF-8 [TN3128]\n");
    const csv = await run({ "deal.tenor": DEAL, "p.csv": withBytes("period,revenue\n2026-07-01,1", [0xff], "\n") }, "run", "deal.tenor", "--inputs", "p.csv");
    expect(csv.code).toBe(2);
    expect(csv.err).toContain("byte 27 (0xFF) cannot appear in UTF-8 (line 2, column 13)");
  });

  it("refuses an imported file that is not UTF-8, naming the byte (TN2200)", async () => {
    const sheet = resolve("sheet.tenor");
    const lib = resolve("lib.tenor");
    const r = await run({ [sheet]: `import fee from "./lib"\n${DEAL}`, [lib]: new Uint8Array([0x2f, 0x2f, 0x20, 0xc3]) }, "check", sheet);
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot import "./lib": not valid UTF-8: byte 3 (0xC3) starts a character that the end of the file cuts off [TN2200]');
  });

  it("refuses an artifact that is not UTF-8 as not JSON (TN4001, exit 1)", async () => {
    const artifact = withBytes('{"format": "tenor-terms", "x": "', [0xff], '"}');
    for (const argv of [["inspect", "a.json"], ["run", "a.json", "--inputs", "inputs.json"]]) {
      const r = await run({ "a.json": artifact, "inputs.json": INPUTS }, ...argv);
      expect(r.code, argv[0]).toBe(1);
      expect(r.err, argv[0]).toBe("a.json: error: the artifact is not valid UTF-8: byte 32 (0xFF) cannot appear in UTF-8 [TN4001]\n");
    }
  });

  it("accepts UTF-8 with and without a byte order mark", async () => {
    expect((await run({ "deal.tenor": utf8(DEAL.replace("GPU vendor", "GPU vendør 😀")) }, "check", "deal.tenor")).code).toBe(0);
    expect((await run({ "deal.tenor": new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(DEAL)]) }, "check", "deal.tenor")).code).toBe(0);
  });
});

describe("CR-only line ends", () => {
  it("puts each diagnostic on its own line, not at 1:409 (issue 19)", async () => {
    const source = DEAL.replace("revenue * 10%", "revenu * 10%").replace(/\n/g, "\r");
    const r = await run({ "deal.tenor": source }, "check", "deal.tenor");
    expect(r.code).toBe(1);
    expect(r.err.split("\n").slice(0, 3)).toEqual([
      "deal.tenor:10:24: error: unknown name revenu; did you mean revenue? [TN2001]",
      " 10 |   operator pays vendor revenu * 10%",
      "    |                        ^^^^^^",
    ]);
    const tested = await run({ "deal.tenor": DEAL.replace("5_000 USD under", "4_000 USD under").replace(/\n/g, "\r") }, "test", "deal.tenor");
    expect(tested.out).toMatch(/^FAIL ten percent\n {5}deal\.tenor:14:3: /);
  });
});

describe("a 2.5 MB line", () => {
  it("is not echoed whole: the snippet is cut to 120 columns around the caret (issue 19)", async () => {
    const long = `const pad = ${"1 + ".repeat(625_000)}1\nconst x = nope\n`;
    const source = DEAL.replace("input revenue: USD\n", `input revenue: USD\nconst huge = "${"x".repeat(2_500_000)}" + nope\n${long}`);
    const r = await run({ "deal.tenor": source }, "check", "deal.tenor");
    expect(r.code).toBe(1);
    expect(r.err.length).toBeLessThan(2_000);
    for (const line of r.err.split("\n")) expect([...line].length).toBeLessThanOrEqual(130);
    const lines = r.err.split("\n");
    const at = lines.findIndex((l) => l.includes("unknown name nope"));
    const snip = lines[at + 1]!;
    const caret = lines[at + 2]!;
    expect(snip).toMatch(/^ 9 \| …x+" \+ nope$/);
    expect(snip.slice(caret.indexOf("^"), caret.indexOf("^") + 4)).toBe("nope");
  });
});

describe("hidden characters in titles and names", () => {
  // "NUL, U+2003 and terminal escape sequences in titles reach the terminal raw" (issue 19)
  const TITLED = DEAL.replace('deal "Fee deal"', 'deal "Fee\0deal\u2003\x1b[31mRED"')
    .replace('"Revenue share"', '"Share\x1b[2J\u202e"')
    .replace('"AI cloud operator"', '"Operator\x07"')
    .replace('test "ten percent"', 'test "ten\x1b]0;pwned\x07 percent"');
  const files = { "deal.tenor": TITLED, "inputs.json": INPUTS };

  it("shows them as U+XXXX in the table ledger, while JSON and CSV keep the exact text", async () => {
    const table = await run(files, "run", "deal.tenor", "--inputs", "inputs.json", "--format", "table");
    expect(table.code).toBe(0);
    expect(table.out.split("\n")[0]).toBe("FeeU+0000dealU+2003U+001B[31mRED (amounts in USD)");
    expect(table.out).toContain("  ShareU+001B[2JU+202E  operator → vendor");
    expect(table.out).not.toMatch(/[\0\x07\x1b\u2003\u202e]/);
    // Columns stay aligned: the heading is as wide as the escaped title.
    const heading = table.out.split("\n").find((l) => l.startsWith("  Clause"))!;
    const row = table.out.split("\n").find((l) => l.startsWith("  Share"))!;
    expect(heading.indexOf("Payer")).toBe(row.indexOf("operator"));

    const json = await run(files, "run", "deal.tenor", "--inputs", "inputs.json", "--format", "json");
    const ledger = JSON.parse(json.out) as { deal: string; periods: { lines: { title: string }[] }[] };
    expect(ledger.deal).toBe("Fee\0deal\u2003\x1b[31mRED");
    expect(ledger.periods[0]!.lines[0]!.title).toBe("Share\x1b[2J\u202e");
    const csv = await run(files, "run", "deal.tenor", "--inputs", "inputs.json", "--format", "csv");
    expect(csv.out).toContain("Share\x1b[2J\u202e");
  });

  it("shows them as U+XXXX in test results and in inspect's text, not in inspect --json", async () => {
    const tested = await run(files, "test", "deal.tenor");
    expect(tested.out.split("\n")[0]).toBe("ok   tenU+001B]0;pwnedU+0007 percent");
    const compiled = await run(files, "compile", "deal.tenor", "-o", "deal.json");
    expect(compiled.code).toBe(0);
    const inspected = await run(compiled.files, "inspect", "deal.json");
    expect(inspected.out.split("\n")[0]).toBe("FeeU+0000dealU+2003U+001B[31mRED");
    expect(inspected.out).toContain("operator: OperatorU+0007");
    expect(inspected.out).toContain('share "ShareU+001B[2JU+202E"');
    expect(inspected.out).not.toMatch(/[\0\x07\x1b\u2003\u202e]/);
    const asJson = await run(compiled.files, "inspect", "deal.json", "--json");
    expect((JSON.parse(asJson.out) as { header: { title: string } }).header.title).toBe("Fee\0deal\u2003\x1b[31mRED");
  });

  it("shows them as U+XXXX in diagnostics: the source line and the message", async () => {
    const r = await run({ "deal.tenor": TITLED.replace("revenue * 10%", "revenue * 10%\u2003") }, "check", "deal.tenor");
    expect(r.code).toBe(1);
    expect(r.err.split("\n").slice(0, 3)).toEqual([
      "deal.tenor:10:37: error: unexpected character 'U+2003' [TN1001]",
      " 10 |   operator pays vendor revenue * 10%U+2003",
      "    |                                     ^^^^^^",
    ]);
    expect(r.err).not.toMatch(/[\0\x07\x1b\u2003\u202e]/);
  });
});
