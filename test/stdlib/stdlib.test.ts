/**
 * The clause library: every stdlib/*.tenor file (globbed, so files added
 * later are covered) is a runnable demonstration term sheet. Each checks
 * with no diagnostic, declares templates, uses every one of them in its own
 * demo deal, has test blocks that pass, is already in the `tenor fmt`
 * layout, and offers its templates to a sheet that imports them.
 * docs/stdlib.md shows every template exactly as its file declares it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSource, runSource, testSource } from "../../src/api.ts";
import type { SourceOptions } from "../../src/api.ts";
import { nodeHost } from "../../src/modules/node-host.ts";
import type { TemplateDecl, UseDecl } from "../../src/syntax/ast.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { formatSource } from "../../src/syntax/print.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const stdlibDir = join(root, "stdlib");

/** Templates the finished library offers: this half's 8, and the second half's linear taper, tiered share, take-or-pay with prepayment, lease guarantee, SLA credits and escalator. */
const EXPECTED_TEMPLATES = 14;

const files = readdirSync(stdlibDir)
  .filter((f) => f.endsWith(".tenor"))
  .sort();

const sourceOf = (file: string) => readFileSync(join(stdlibDir, file), "utf8");
const optionsOf = (file: string): SourceOptions => ({
  modules: nodeHost(join(stdlibDir, file), (p) => readFileSync(p, "utf8"), stdlibDir),
});

function declarationsOf(file: string) {
  const parsed = parseSource(sourceOf(file));
  expect(parsed.diagnostics).toEqual([]);
  const templates = parsed.value.decls.filter((d): d is TemplateDecl => d.kind === "Template");
  const uses = parsed.value.decls.filter((d): d is UseDecl => d.kind === "Use");
  return { templates, uses };
}

const templateNames = (file: string) => declarationsOf(file).templates.map((t) => t.decl.name.text);

describe("the stdlib folder", () => {
  it("holds term sheets", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it(`offers at least ${EXPECTED_TEMPLATES} templates across its files, each name once`, () => {
    const names = files.flatMap(templateNames);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(EXPECTED_TEMPLATES);
  });
});

describe.each(files)("stdlib/%s", (file) => {
  it("checks with no errors and no warnings", () => {
    const checked = checkSource(sourceOf(file), optionsOf(file));
    expect(checked.diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`)).toEqual([]);
    expect(checked.value).not.toBeNull();
  });

  it("declares at least one template, before its demonstration deal", () => {
    const parsed = parseSource(sourceOf(file));
    const kinds = parsed.value.decls.map((d) => d.kind);
    expect(kinds).toContain("Template");
    expect(kinds.lastIndexOf("Template")).toBeLessThan(kinds.indexOf("Deal"));
  });

  it("uses every template it declares in its own demonstration deal", () => {
    const { templates, uses } = declarationsOf(file);
    const used = new Set(uses.map((u) => u.template.text));
    expect(templates.map((t) => t.decl.name.text).filter((name) => !used.has(name))).toEqual([]);
  });

  it("has test blocks, and all of them pass", () => {
    const result = testSource(sourceOf(file), optionsOf(file));
    expect(result.diagnostics).toEqual([]);
    const tests = result.value!;
    expect(tests.length).toBeGreaterThanOrEqual(3);
    expect(tests.filter((t) => !t.passed).map((t) => `${t.title}: ${t.problems.map((p) => p.message).join("; ")}`)).toEqual([]);
  });

  it("is left unchanged by tenor fmt", () => {
    const formatted = formatSource(sourceOf(file));
    expect(formatted.diagnostics).toEqual([]);
    expect(formatted.value).toBe(sourceOf(file));
  });

  it("gives its templates, and only them, to a sheet that imports them", () => {
    const names = templateNames(file);
    const sheet = [
      `import ${names.join(", ")} from "stdlib/${file.replace(/\.tenor$/, "")}"`,
      `deal "Importer"`,
      `parties {\n  a: "A"\n}`,
      `term 2026-07-01 to 2027-06-30, monthly`,
      `currency USD`,
      "",
    ].join("\n");
    // The importer sits in the stdlib folder so that relative imports of the file resolve too.
    const checked = checkSource(sheet, optionsOf("importer.tenor"));
    expect(checked.diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`)).toEqual([]);
    // The demonstration deal's clauses do not come along.
    expect(checked.value!.clauses).toEqual([]);
    expect(checked.value!.tests).toEqual([]);
  });

  it("is documented in docs/stdlib.md, each template shown as declared", () => {
    const doc = readFileSync(join(root, "docs/stdlib.md"), "utf8");
    const source = sourceOf(file);
    for (const t of declarationsOf(file).templates) {
      expect(doc).toContain(`## ${t.decl.name.text}`);
      expect(doc).toContain("```tenor\n" + source.slice(t.range.start, t.range.end) + "\n```");
    }
  });
});

describe("the warrants demonstration", () => {
  it("grants 7,261,410 warrants at 48.20 at signing: 3.5 billion x 10% / 48.20 rounded down", () => {
    const file = "warrants.tenor";
    const inputs = JSON.stringify({ periods: [{ period: "2026-07-01" }, { period: "2026-10-01" }] });
    const run = runSource(sourceOf(file), [{ name: "inputs.json", text: inputs }], optionsOf(file));
    expect(run.diagnostics).toEqual([]);
    expect(run.ledger!.periods[0]!.grants).toEqual([
      { clause: "warrants", grantor: "operator", grantee: "nvidia", quantity: "7261410", instrument: "warrants", price: "48.20" },
    ]);
    expect(run.ledger!.periods[1]!.grants).toEqual([]);
  });
});
