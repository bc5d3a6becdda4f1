/**
 * docs/language.md must be true. Every ```tenor block is checked:
 *
 * - a block that starts with `deal` is a whole term sheet: it checks with no
 *   diagnostic and its `test` blocks pass;
 * - any other block is a fragment placed in HEADER below (top-level
 *   declarations after it, clause statements inside a clause): it checks with
 *   no diagnostic and its tests pass, unless its first line is
 *   `// error: TN…` or `// warning: TN…`, in which case exactly those codes
 *   are reported.
 *
 * The ledger examples of §12 (JSON, table, CSV) are the output of the §1 term
 * sheet over the §11 JSON inputs, the §14 diagnostic is what `tenor check`
 * prints, and every code of the diagnostics catalogs is listed in §16.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSource, runSource, testSource } from "../../src/api.ts";
import type { Diagnostic } from "../../src/api.ts";
import { CATALOGS } from "../../src/diagnostics/catalog.ts";
import { KEYWORDS } from "../../grammar/tokens.ts";
import { renderDiagnostics } from "../../src/diagnostics/render.ts";
import { nodeHost } from "../../src/modules/node-host.ts";
import { periodsOf } from "../../src/eval/periods.ts";
import { loadInputs } from "../../src/inputs/load-inputs.ts";
import { ledgerToCsv } from "../../src/ledger/format-csv.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { ledgerToTable } from "../../src/ledger/format-table.ts";

const DOC_PATH = fileURLToPath(new URL("../../docs/language.md", import.meta.url));
const DOC = readFileSync(DOC_PATH, "utf8");
/** Imports in the examples resolve as for a term sheet in docs/ (`stdlib/…` is the repository's stdlib). */
const modules = nodeHost(DOC_PATH, (path) => readFileSync(path, "utf8"));

/** The header fragments assume, as the introduction of docs/language.md describes it. Each entry is keyed by what it declares. */
const HEADER: readonly (readonly [key: string, text: string])[] = [
  ["deal", `deal "Documentation example"`],
  ["parties", `parties {\n  nvidia: "NVIDIA Corporation"\n  sharon: "Sharon AI"\n  landlord: "Campus lessor"\n}`],
  ["term", "term 2026-07-01 to 2032-06-30, monthly"],
  ["currency", "currency USD, rounding half_even"],
  ["units", "units gpu, gpu_hour"],
  ["input revenue", "input revenue: USD"],
  ["input sold_hours", "input sold_hours: gpu_hour"],
  ["input capacity_hours", "input capacity_hours: gpu_hour"],
  ["event lease_default", "event lease_default(missed_rent: USD)"],
  ["const buyback_price", "const buyback_price = 1.85 USD per gpu_hour"],
  ["const guaranteed", "const guaranteed = 3.5 billion USD"],
  ["schedule share_rate", "schedule share_rate by contract_year, tapering {\n  year 1: 15%\n  year 2: 12.5%\n  year 3: 10%\n  year 4 onward: 7.5%\n}"],
];

interface Block {
  /** 1-based position among the document's ```tenor blocks. */
  readonly index: number;
  readonly lang: string;
  /** The `## …` section and the `### …` subsection the block is under. */
  readonly section: string;
  readonly subsection: string;
  readonly text: string;
}

/** Every fenced block of the document with the headings it is under. */
function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  let section = "";
  let subsection = "";
  let open: { lang: string; lines: string[] } | null = null;
  let tenorCount = 0;
  for (const line of markdown.split("\n")) {
    if (open !== null) {
      if (line.startsWith("```")) {
        const index = open.lang === "tenor" ? ++tenorCount : 0;
        blocks.push({ index, lang: open.lang, section, subsection, text: open.lines.join("\n") + "\n" });
        open = null;
      } else open.lines.push(line);
      continue;
    }
    const fence = /^```(\S*)/.exec(line);
    if (fence) open = { lang: fence[1]!, lines: [] };
    else if (line.startsWith("## ")) {
      section = line.slice(3);
      subsection = "";
    } else if (line.startsWith("### ")) subsection = line.slice(4);
  }
  return blocks;
}

const BLOCKS = blocksOf(DOC);
const TENOR = BLOCKS.filter((b) => b.lang === "tenor");

/** The only block of a language under a section (and subsection) whose title starts with the given text. */
function block(lang: string, section: string, subsection?: string): Block {
  const found = BLOCKS.filter((b) => b.lang === lang && b.section.startsWith(section) && (subsection === undefined || b.subsection.startsWith(subsection)));
  expect(found.length, `${lang} blocks under ${section}`).toBe(1);
  return found[0]!;
}

/** Lines before the first code token: blank lines and comments. */
function firstCodeLine(text: string): string {
  return text.split("\n").find((l) => l.trim() !== "" && !l.trim().startsWith("//"))?.trim() ?? "";
}

const isWholeSheet = (b: Block) => /^deal\b/.test(firstCodeLine(b.text));

/** The codes a block's first line says it reports: `// error: TN2068, TN2069`. */
function markedCodes(text: string): string[] {
  const m = /^\/\/ (?:error|warning): (TN\d{4}(?:, TN\d{4})*)\s*$/.exec(text.split("\n")[0] ?? "");
  return m === null ? [] : m[1]!.split(", ");
}

const TOP_LEVEL = /^(parties|term|currency|settle|units|input|event|const|schedule|tiers|clause|test|import|template|use)\b/;
const STATEMENT = /^(let|when|on|at|cap|from|until|balance|add|subtract)\b|^[A-Za-z_]\w*\s+(pays|grants)\b/;

/** The keys of HEADER a top-level fragment declares itself (so the header leaves them out). */
function declaredKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const line of text.split("\n")) {
    const kind = /^(parties|term|currency|units)\b/.exec(line);
    if (kind) keys.add(kind[1]!);
    const named = /^(input|event|const|schedule|clause)\s+([A-Za-z_]\w*)/.exec(line);
    if (named) keys.add(`${named[1]} ${named[2]}`);
  }
  return keys;
}

/** The source a block is checked as: itself, or embedded in HEADER. */
function sourceOf(b: Block): string {
  if (isWholeSheet(b)) return b.text;
  const first = firstCodeLine(b.text);
  if (TOP_LEVEL.test(first)) {
    const own = declaredKeys(b.text);
    return `${HEADER.filter(([key]) => !own.has(key)).map(([, text]) => text).join("\n")}\n\n${b.text}`;
  }
  if (STATEMENT.test(first)) return `${HEADER.map(([, text]) => text).join("\n")}\n\nclause example {\n${b.text}}\n`;
  throw new Error(`block ${b.index} under "${b.section}" is neither a term sheet, declarations nor clause statements`);
}

const describeDiagnostics = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code} ${d.message}`);

/** The §1 term sheet run over the §11 JSON inputs. */
function sampleRun() {
  const sheet = TENOR[0]!;
  const inputs = block("json", "11.", "JSON");
  return runSource(sheet.text, [{ name: "inputs.json", text: inputs.text }]);
}

describe("the tenor examples of docs/language.md", () => {
  it("finds the examples, the first being the whole term sheet of §1", () => {
    expect(TENOR.length).toBeGreaterThan(15);
    expect(TENOR[0]!.section).toBe("1. A whole term sheet");
    expect(isWholeSheet(TENOR[0]!)).toBe(true);
  });

  it("embeds fragments in a header that checks without any diagnostic", () => {
    const header = HEADER.map(([, text]) => text).join("\n");
    expect(describeDiagnostics(checkSource(header).diagnostics)).toEqual([]);
  });

  for (const b of TENOR) {
    const where = b.subsection === "" ? b.section : `${b.section} / ${b.subsection}`;
    const marked = markedCodes(b.text);
    const name = marked.length > 0
      ? `block ${b.index} (${where}) reports exactly ${marked.join(" and ")}`
      : `block ${b.index} (${where}) checks cleanly and its tests pass`;
    it(name, () => {
      const source = sourceOf(b);
      const checked = checkSource(source, { modules });
      if (marked.length > 0) {
        expect([...new Set(checked.diagnostics.map((d) => d.code))].sort()).toEqual([...marked].sort());
        return;
      }
      expect(describeDiagnostics(checked.diagnostics)).toEqual([]);
      const tests = testSource(source, { modules }).value ?? [];
      expect(tests.filter((t) => !t.passed).map((t) => `${t.title}: ${t.problems.map((p) => p.message).join("; ")}`)).toEqual([]);
    });
  }
});

describe("the ledger examples of docs/language.md", () => {
  it("shows in §12 the JSON ledger of the §1 term sheet over the §11 JSON inputs", () => {
    const run = sampleRun();
    expect(run.failure).toBeNull();
    expect(JSON.parse(ledgerToJson(run.ledger!, { trace: true }))).toEqual(JSON.parse(block("json", "12.").text));
  });

  it("shows in §12 the table of the same run", () => {
    expect(ledgerToTable(sampleRun().ledger!)).toBe(block("text", "12.").text);
  });

  it("shows in §12 the CSV of the same run, whose rows end with CRLF", () => {
    const csv = ledgerToCsv(sampleRun().ledger!);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replace(/\r\n/g, "\n")).toBe(block("csv", "12.").text);
  });

  it("loads the §11 inputs examples with only the warning for the event after the last period", () => {
    const header = checkSource(TENOR[0]!.text).value!.header;
    const periods = periodsOf(header.term);
    const files = [
      [{ name: "inputs.json", text: block("json", "11.", "JSON").text }],
      BLOCKS.filter((b) => b.lang === "csv" && b.section.startsWith("11.")).map((b, i) => ({ name: `inputs-${i}.csv`, text: b.text })),
    ];
    for (const f of files) {
      const loaded = loadInputs(f, header, periods);
      expect(loaded.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(["warning TN3122"]);
      expect(loaded.value).not.toBeNull();
    }
  });

  it("shows in §14 what tenor check prints for share_rate misspelt in the §1 term sheet", () => {
    const source = TENOR[0]!.text.replace("revenue * share_rate", "revenue * share_rte");
    const rendered = renderDiagnostics(checkSource(source).diagnostics, "deal.tenor", source);
    expect(`${rendered}\n`).toBe(block("text", "14.").text);
  });
});

describe("the lexical structure section of docs/language.md", () => {
  it("lists exactly the grammar's keywords", () => {
    const section = DOC.slice(DOC.indexOf("**Keywords** (reserved, all lower case):"));
    const listed = section.slice(section.indexOf("```") + 3, section.indexOf("```", section.indexOf("```") + 3)).trim().split(/\s+/);
    expect([...listed].sort()).toEqual([...KEYWORDS].sort());
  });
});

describe("the diagnostic codes section of docs/language.md", () => {
  const section = DOC.slice(DOC.indexOf("## 16. Diagnostic codes"));

  it("lists every code of the catalogs with its key", () => {
    const missing = Object.values(CATALOGS)
      .flatMap((codes) => Object.entries(codes))
      .filter(([key, code]) => !section.includes(`| ${code} | \`${key}\``))
      .map(([key, code]) => `${code} ${key}`);
    expect(missing).toEqual([]);
  });

  it("lists no code that the catalogs do not have", () => {
    const known = new Set(Object.values(CATALOGS).flatMap((codes) => Object.values(codes) as string[]));
    const listed = [...section.matchAll(/^\| (TN\d{4}) \|/gm)].map((m) => m[1]!);
    expect(listed.filter((c) => !known.has(c))).toEqual([]);
  });

  it("mentions no code anywhere in the document that the catalogs do not have", () => {
    const known = new Set(Object.values(CATALOGS).flatMap((codes) => Object.values(codes) as string[]));
    const mentioned = [...new Set([...DOC.matchAll(/\bTN\d{4}\b/g)].map((m) => m[0]))];
    expect(mentioned.filter((c) => !known.has(c))).toEqual([]);
  });
});
