/**
 * `npm run build:vscode` (scripts/build-vscode.ts) packages the VS Code
 * extension into a .vsix with @vscode/vsce. The package is a zip, read here
 * with Debian's `unzip` (.ci/run installs it; without it, outside CI, this
 * test is skipped with the reason printed): exactly the files that ship,
 * the grammar and language configuration generated from Tenor's sources,
 * and a client bundle that needs nothing but VS Code and Node.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildVscodeExtension } from "../../scripts/build-vscode.ts";
import { languageConfigurationJson } from "../../src/editor/language-configuration.ts";
import { tenorTextMate } from "../../src/editor/textmate.ts";
import { ROOT } from "./client.ts";

const present = spawnSync("unzip", ["-v"]).status === 0;
if (!present && process.env.CI === undefined) {
  process.stdout.write("test/lsp/vscode-extension.test.ts: skipped: unzip is not installed (apt-get install unzip; .ci/run installs it)\n");
}

const dir = mkdtempSync(join(tmpdir(), "tenor-vsix-"));
const vsix = join(dir, "tenor.vsix");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const unzip = (...args: string[]) => {
  const run = spawnSync("unzip", args, { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
};
const member = (name: string) => unzip("-p", vsix, name);

describe.skipIf(!present && process.env.CI === undefined)("the VS Code extension package", () => {
  beforeAll(async () => {
    expect(present, "unzip must be installed in CI (.ci/run installs it)").toBe(true);
    await buildVscodeExtension({ stage: join(dir, "stage"), out: vsix });
  });

  it("holds the manifest, README, grammar, language configuration and client bundle, and nothing else", () => {
    const names = unzip("-Z1", vsix).trim().split("\n").sort();
    expect(names).toEqual([
      "[Content_Types].xml",
      "extension.vsixmanifest",
      "extension/dist/extension.js",
      "extension/language-configuration.json",
      "extension/package.json",
      "extension/readme.md",
      "extension/syntaxes/tenor.tmLanguage.json",
    ]);
  });

  it("ships the extension's manifest as written, at Tenor's version, contributing the tenor language", () => {
    const manifest = member("extension/package.json");
    expect(JSON.parse(manifest)).toEqual(JSON.parse(readFileSync(join(ROOT, "editors", "vscode", "package.json"), "utf8")));
    const parsed = JSON.parse(manifest) as { version: string; main: string; contributes: { languages: { id: string; extensions: string[] }[]; grammars: { scopeName: string; path: string }[] } };
    expect(parsed.version).toBe((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version);
    expect(parsed.contributes.languages.map((l) => [l.id, l.extensions])).toEqual([["tenor", [".tenor"]]]);
    expect(parsed.contributes.grammars).toEqual([{ language: "tenor", scopeName: "source.tenor", path: "./syntaxes/tenor.tmLanguage.json" }]);
    expect(member("extension.vsixmanifest")).toMatch(/<Identity Language="en-US" Id="tenor-vscode" Version="0\.1\.0" Publisher="tenor"/);
  });

  it("ships the grammar and the language configuration generated from Tenor's sources", () => {
    expect(JSON.parse(member("extension/syntaxes/tenor.tmLanguage.json"))).toEqual(tenorTextMate());
    expect(member("extension/language-configuration.json")).toBe(languageConfigurationJson());
  });

  it("ships a client that loads with nothing but VS Code's API and Node's own modules, and starts `tenor lsp`", () => {
    unzip("-q", "-o", vsix, "extension/dist/extension.js", "-d", join(dir, "unpacked"));
    // Load it under Node with a stand-in for `vscode`, recording every module it asks for.
    const loader = join(dir, "load.cjs");
    writeFileSync(loader, `
      const Module = require("module");
      const asked = new Set();
      const stub = new Proxy(function () {}, { get: (t, k) => (k === Symbol.toPrimitive ? () => "" : stub), apply: () => stub, construct: () => stub });
      const load = Module._load;
      Module._load = function (request) { asked.add(request); return request === "vscode" ? stub : load.apply(this, arguments); };
      const extension = require(${JSON.stringify(join(dir, "unpacked", "extension", "dist", "extension.js"))});
      asked.delete(${JSON.stringify(join(dir, "unpacked", "extension", "dist", "extension.js"))});
      process.stdout.write(JSON.stringify({ activate: typeof extension.activate, deactivate: typeof extension.deactivate, asked: [...asked] }));
    `);
    const run = spawnSync(process.execPath, [loader], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    const { activate, deactivate, asked } = JSON.parse(run.stdout) as { activate: string; deactivate: string; asked: string[] };
    expect([activate, deactivate]).toEqual(["function", "function"]);
    expect(asked).toContain("vscode");
    expect(asked.filter((m) => m !== "vscode" && !isBuiltin(m))).toEqual([]);
    // The default command line of the server, as the settings declare it.
    const js = member("extension/dist/extension.js");
    expect(js).toContain('"server.command","tenor"');
    expect(js).toContain('"server.args",["lsp"]');
  });
});
