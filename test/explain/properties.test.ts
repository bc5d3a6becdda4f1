/**
 * Explain never throws on generated programs (test/generators), in any
 * format, and its text names every clause (title and name), every party
 * (legal name) and every cap's window; its html escapes every name and
 * balances its tags.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSource, explainSource } from "../../src/api.ts";
import { EXPLAIN_FORMATS, renderExplanation } from "../../src/explain/index.ts";
import { programArbitrary } from "../generators/program.ts";

const CAP_WINDOWS = { term: "over the term", contract_year: "in each contract year", period: "in each " } as const;

describe("tenor explain on generated programs", () => {
  it("never throws and names every clause, party and cap", () => {
    fc.assert(
      fc.property(programArbitrary(), (generated) => {
        const checked = checkSource(generated.source).value!;
        const doc = explainSource(generated.source).value!;
        const text = renderExplanation(doc, "text").replace(/\s+/g, " ");
        for (const format of EXPLAIN_FORMATS) expect(renderExplanation(doc, format).length).toBeGreaterThan(0);
        for (const p of checked.header.parties) expect(text).toContain(p.legalName.replace(/\s+/g, " "));
        for (const c of checked.clauses) {
          expect(text).toContain(`(${c.name.text})`);
          if (c.title !== null) expect(text).toContain(c.title.value.replace(/\s+/g, " "));
          for (const s of c.body) if (s.kind === "Cap") expect(text).toContain(`capped at`), expect(text).toContain(CAP_WINDOWS[s.window]);
        }
        const caps = checked.clauses.flatMap((c) => c.body.filter((s) => s.kind === "Cap")).length;
        expect(text.split("are capped at").length - 1).toBe(caps);
        expect(text).not.toContain("could not be read");
        // Every "<" of the page opens one of its own tags: the sheet's titles and names are escaped.
        const html = renderExplanation(doc, "html");
        const body = html.slice(html.indexOf("<body>"));
        expect(body.replace(/<\/?(body|html|h[123]|p|ul|li|table|thead|tbody|tr|th|td)>/g, "")).not.toContain("<");
        for (const tag of ["ul", "li", "table", "tr", "p"]) expect(body.split(`<${tag}>`).length).toBe(body.split(`</${tag}>`).length);
      }),
      { numRuns: 200 },
    );
  });
});
