import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo } from "./fake-io.ts";

const MESSY = `deal   "Fee deal"  // the title
parties { vendor: "GPU vendor" operator: "AI cloud operator" }
term 2026-07-01 to 2026-12-31, quarterly currency USD
input revenue: USD
clause share "Revenue share" { operator pays vendor revenue * 10% }
`;

const FORMATTED = `deal "Fee deal"  // the title

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
`;

const BROKEN = `deal "Broken"\nclause c {\n  a pays b 1 * * 2\n}\n`;

async function run(files: Record<string, string>, ...argv: string[]) {
  const io = fakeIo(files);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err(), files };
}

describe("tenor fmt", () => {
  it("prints the formatted file and exits 0, leaving the file alone", async () => {
    const r = await run({ "deal.tenor": MESSY }, "fmt", "deal.tenor");
    expect(r.code).toBe(0);
    expect(r.out).toBe(FORMATTED);
    expect(r.err).toBe("");
    expect(r.files["deal.tenor"]).toBe(MESSY);
  });

  it("--write rewrites the file in place and says so", async () => {
    const r = await run({ "deal.tenor": MESSY }, "fmt", "--write", "deal.tenor");
    expect(r.code).toBe(0);
    expect(r.files["deal.tenor"]).toBe(FORMATTED);
    expect(r.out).toBe("");
    expect(r.err).toBe("deal.tenor: formatted\n");
  });

  it("--write leaves a formatted file untouched and silent", async () => {
    const r = await run({ "deal.tenor": FORMATTED }, "fmt", "-w", "deal.tenor");
    expect(r.code).toBe(0);
    expect(r.files["deal.tenor"]).toBe(FORMATTED);
    expect(r.err).toBe("");
  });

  it("--check exits 1 and names a file that is not formatted, without changing it", async () => {
    const r = await run({ "deal.tenor": MESSY }, "fmt", "--check", "deal.tenor");
    expect(r.code).toBe(1);
    expect(r.err).toBe("deal.tenor: not formatted\n");
    expect(r.out).toBe("");
    expect(r.files["deal.tenor"]).toBe(MESSY);
  });

  it("--check exits 0 on a formatted file", async () => {
    const r = await run({ "deal.tenor": FORMATTED }, "fmt", "--check", "deal.tenor");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
  });

  it("refuses a file with syntax errors: diagnostics on stderr, exit 1, file unchanged", async () => {
    for (const flags of [[], ["--write"], ["--check"]]) {
      const r = await run({ "bad.tenor": BROKEN }, "fmt", ...flags, "bad.tenor");
      expect(r.code).toBe(1);
      expect(r.out).toBe("");
      expect(r.err).toContain("bad.tenor:3:14: error: expected an expression after '*', found '*' [TN1002]");
      expect(r.err).toContain("bad.tenor: not formatted: fix the syntax errors first");
      expect(r.files["bad.tenor"]).toBe(BROKEN);
    }
  });

  it("exits 64 for a missing file", async () => {
    const r = await run({}, "fmt", "nope.tenor");
    expect(r.code).toBe(64);
    expect(r.err).toBe("tenor: nope.tenor: no such file\n");
  });

  it("exits 64 when --write and --check are given together", async () => {
    const r = await run({ "deal.tenor": MESSY }, "fmt", "--write", "--check", "deal.tenor");
    expect(r.code).toBe(64);
    expect(r.files["deal.tenor"]).toBe(MESSY);
  });

  it("reports a file that cannot be written in one line with exit 2", async () => {
    const io = fakeIo({ "deal.tenor": MESSY });
    const readOnly = { ...io, writeFile: () => { throw Object.assign(new Error("EACCES"), { code: "EACCES" }); } };
    const code = await main(["fmt", "--write", "deal.tenor"], readOnly);
    expect(code).toBe(2);
    expect(io.err()).toBe("tenor: deal.tenor: cannot be written: permission denied (EACCES)\n");
  });
});
