import { describe, expect, it } from "vitest";
import { heading, list, paragraph, table, type ExplainDocument } from "../../src/explain/document.ts";
import { renderExplanation } from "../../src/explain/index.ts";

const DOC: ExplainDocument = {
  title: `A <b>"deal"</b> & 'co'`,
  blocks: [
    heading(1, `A <b>"deal"</b> & 'co'`),
    paragraph("Pays *all* of [x](y) | 1_000."),
    list([{ text: "If it rains:", children: [list(["Party A pays $1."])] }]),
    table(["Key", "Value"], [["Contract year 1", "15%"], ["Contract year 2 and later", "a|b"]]),
  ],
};

describe("the renderers", () => {
  it("html escapes every text, in the title, headings, lists and tables", () => {
    const html = renderExplanation(DOC, "html");
    expect(html).toContain("<title>A &lt;b&gt;&quot;deal&quot;&lt;/b&gt; &amp; &#39;co&#39;</title>");
    expect(html).toContain("<h1>A &lt;b&gt;&quot;deal&quot;&lt;/b&gt; &amp; &#39;co&#39;</h1>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("<li>If it rains:\n<ul>\n<li>Party A pays $1.</li>\n</ul></li>");
    expect(html).toContain("<tr><td>Contract year 2 and later</td><td>a|b</td></tr>");
  });

  it("markdown escapes markup characters and nests lists and tables", () => {
    const md = renderExplanation(DOC, "markdown");
    expect(md).toContain("# A \\<b\\>\"deal\"\\</b\\> & 'co'\n");
    expect(md).toContain("Pays \\*all\\* of \\[x\\](y) \\| 1\\_000.");
    expect(md).toContain("- If it rains:\n  - Party A pays $1.");
    expect(md).toContain("| Key | Value |\n| --- | --- |\n| Contract year 1 | 15% |\n| Contract year 2 and later | a\\|b |");
  });

  it("text underlines headings, indents nested lists and aligns tables", () => {
    const text = renderExplanation(DOC, "text");
    expect(text.startsWith(`A <b>"deal"</b> & 'co'\n======================\n`)).toBe(true);
    expect(text).toContain("- If it rains:\n  - Party A pays $1.");
    expect(text).toContain("Key                        Value\n-------------------------  -----\nContract year 1            15%\n");
  });
});
