import { describe, expect, it } from "vitest";
import { bundledHost } from "../../src/modules/bundled-host.ts";
import { expandProgram } from "../../src/modules/expand.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { codes, HEADER, withFiles } from "./helpers.ts";

const lib = (name: string) => `template const ${name}(x: number) = x\n`;

describe("loading imported files", () => {
  it("reports files that import each other at the sheet's import, naming the circle", () => {
    const files = withFiles({
      "stdlib/a.tenor": `import b from "./b"\n${lib("a")}`,
      "stdlib/b.tenor": `import a from "./a"\n${lib("b")}`,
    });
    expect(codes(`import a from "stdlib/a"\n${HEADER}`, files)).toEqual([
      "TN2201 stdlib/b.tenor: imports go round in a circle: stdlib/a.tenor imports stdlib/b.tenor imports stdlib/a.tenor",
    ]);
  });

  it("loads a file imported twice only once, and accepts the same template through two paths", () => {
    const files = withFiles({
      "stdlib/base.tenor": lib("base"),
      "stdlib/left.tenor": `import base from "./base"\n`,
      "stdlib/right.tenor": `import base from "./base"\n`,
    });
    expect(codes(`import base from "stdlib/left"\nimport base from "stdlib/right"\n${HEADER}`, files)).toEqual([]);
  });

  it("refuses two different templates under one name", () => {
    const files = withFiles({ "stdlib/a.tenor": lib("rate"), "stdlib/b.tenor": lib("rate") });
    expect(codes(`import rate from "stdlib/a"\nimport rate from "stdlib/b"\n${HEADER}`, files)).toEqual([
      "TN2210 a template named rate is already available here; import or declare it once",
    ]);
  });

  it("stops at the module limit with a clear error", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`stdlib/m${i}.tenor`] = `import t${i + 1} from "./m${i + 1}"\ntemplate const t${i}(x: number) = x\n`;
    files["stdlib/m5.tenor"] = lib("t5");
    const program = parseSource(`import t0 from "stdlib/m0"\n${HEADER}`).value;
    const within = expandProgram(program, { host: bundledHost(files), maxModules: 6 });
    expect(within.diagnostics).toEqual([]);
    const over = expandProgram(program, { host: bundledHost(files), maxModules: 5 });
    expect(over.diagnostics.map((d) => d.code)).toEqual(["TN2213"]);
    expect(over.diagnostics[0]!.message).toContain("stdlib/m4.tenor: more than 5 files are imported (the limit)");
  });

  it("says which templates a file offers when the name is not one of them", () => {
    const files = withFiles({ "stdlib/taper.tenor": `${lib("step_taper")}${lib("linear_taper")}` });
    expect(codes(`import step_tapper from "stdlib/taper"\n${HEADER}`, files)).toEqual([
      "TN2203 stdlib/taper.tenor has no template step_tapper; did you mean step_taper?; it offers step_taper, linear_taper",
    ]);
  });

  it("refuses imports when no host serves them, and relative imports in the playground's bundle", () => {
    expect(codes(`import a from "stdlib/a"\n${HEADER}`)).toEqual([
      "TN2200 cannot import \"stdlib/a\": imports are not available here (no module host was given)",
    ]);
    expect(codes(`import a from "./a"\n${HEADER}`, withFiles({}))[0]).toMatch(/^TN2200 cannot import "\.\/a": relative imports need the term sheet's folder/);
  });

  it("leaves a sheet without imports, templates or uses untouched", () => {
    const program = parseSource(HEADER).value;
    expect(expandProgram(program, { host: bundledHost({}), maxModules: 1 }).program).toBe(program);
  });
});
