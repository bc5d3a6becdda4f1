import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo, FEE_DEAL } from "./fake-io.ts";

async function run(files: Record<string, string>, ...argv: string[]) {
  const io = fakeIo(files);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const TITLED = FEE_DEAL.replace('"Revenue share"', '"Share <b>&</b> \'fees\'"');

describe("tenor explain", () => {
  it("prints the terms as text by default and exits 0", async () => {
    const r = await run({ "deal.tenor": FEE_DEAL }, "explain", "deal.tenor");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toContain("Fee deal\n========\n");
    expect(r.out).toContain("- AI cloud operator pays GPU vendor 10% of the revenue.\n");
    expect(r.out.replace(/\s+/g, " ")).toContain("quarterly periods: 2 periods, the first from 1 July 2026 to 30 September 2026 (92 days)");
  });

  it("--format markdown prints headings and escapes markup", async () => {
    const r = await run({ "deal.tenor": TITLED }, "explain", "deal.tenor", "--format", "markdown");
    expect(r.code).toBe(0);
    expect(r.out.startsWith("# Fee deal\n")).toBe(true);
    expect(r.out).toContain("### 1\\. Share \\<b\\>&\\</b\\> 'fees' (share)\n");
    expect(r.out).toContain("- AI cloud operator pays GPU vendor 10% of the revenue.\n");
  });

  it("--format html prints a page with every text escaped", async () => {
    const r = await run({ "deal.tenor": TITLED }, "explain", "deal.tenor", "-f", "html");
    expect(r.code).toBe(0);
    expect(r.out.startsWith("<!DOCTYPE html>\n")).toBe(true);
    expect(r.out).toContain("<h3>1. Share &lt;b&gt;&amp;&lt;/b&gt; &#39;fees&#39; (share)</h3>");
    expect(r.out).not.toContain("<b>");
    expect(r.out).toContain("<li>AI cloud operator pays GPU vendor 10% of the revenue.</li>");
  });

  it("prints the diagnostics of a sheet with errors as tenor check does and exits 1, printing nothing", async () => {
    const bad = FEE_DEAL.replace("revenue * 10%", "revenu * 10%");
    const r = await run({ "deal.tenor": bad }, "explain", "deal.tenor");
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain("deal.tenor:10:24: error: unknown name revenu; did you mean revenue? [TN2001]");
    expect(r.err.endsWith("deal.tenor: 1 error\n")).toBe(true);
  });

  it("exits 64 for a file that cannot be read or a format it does not know", async () => {
    expect((await run({}, "explain", "missing.tenor")).code).toBe(64);
    const r = await run({ "deal.tenor": FEE_DEAL }, "explain", "deal.tenor", "--format", "pdf");
    expect(r.code).toBe(64);
    expect(r.err).toContain("pdf");
  });
});
