/**
 * `npm run build:vscode`: the VS Code extension (editors/vscode/) packaged
 * as a .vsix with @vscode/vsce, offline. A staging folder gets exactly what
 * ships: the manifest and README, the TextMate grammar and language
 * configuration generated from Tenor's sources (src/editor/textmate.ts,
 * src/editor/language-configuration.ts), and the client bundled with
 * vscode-languageclient by esbuild into one CommonJS file (VS Code provides
 * `vscode` itself), so vsce packs no node_modules.
 *
 * The extension is UNLICENSED like Tenor and has no public repository:
 * vsce is told so (skipLicense, allowMissingRepository), else it would stop
 * to ask.
 */
import { build } from "esbuild";
import { createVSIX } from "@vscode/vsce";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { languageConfigurationJson } from "../src/editor/language-configuration.ts";
import { tenorTextMate } from "../src/editor/textmate.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "editors", "vscode");

export interface VscodeBuild {
  /** The folder the package is made from (emptied first). */
  readonly stage: string;
  /** The .vsix written. */
  readonly out: string;
}

const version = (JSON.parse(readFileSync(join(source, "package.json"), "utf8")) as { version: string }).version;
export const DEFAULT_BUILD: VscodeBuild = {
  stage: join(root, "dist", "vscode"),
  out: join(root, "dist", `tenor-vscode-${version}.vsix`),
};

export async function buildVscodeExtension({ stage, out }: VscodeBuild = DEFAULT_BUILD): Promise<void> {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, "syntaxes"), { recursive: true });
  for (const file of ["package.json", "README.md"]) copyFileSync(join(source, file), join(stage, file));
  writeFileSync(join(stage, "syntaxes", "tenor.tmLanguage.json"), `${JSON.stringify(tenorTextMate(), null, 2)}\n`);
  writeFileSync(join(stage, "language-configuration.json"), languageConfigurationJson());
  await build({
    entryPoints: [join(source, "src", "extension.mts")],
    outfile: join(stage, "dist", "extension.js"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["vscode"],
    // Loaded by every VS Code window that opens a .tenor file: small beats readable here.
    minify: true,
    logLevel: "error",
    legalComments: "none",
  });
  mkdirSync(dirname(out), { recursive: true });
  await createVSIX({
    cwd: stage,
    packagePath: out,
    dependencies: false,
    skipLicense: true,
    allowMissingRepository: true,
    rewriteRelativeLinks: false,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildVscodeExtension();
