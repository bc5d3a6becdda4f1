/** `tenor compile DEAL [-o OUT.json]`: the versioned artifact production services load (docs/artifact.md). */
import { compileSource } from "../../api.ts";
import { artifactText } from "../../compile/artifact.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayPath, sameFile, STDIN, writeFailed, type Io } from "../io.ts";
import { cliModules, readTermSheet } from "./source-file.ts";

export interface CompileOptions {
  /** Where to write the artifact; stdout when absent or `-`. */
  readonly output?: string;
}

export function compileCommand(io: Io, deal: string, options: CompileOptions): ExitCode {
  const source = readTermSheet(io, deal);
  if ("exit" in source) return source.exit;
  const name = displayPath(deal);
  const modules = cliModules(io, deal);
  const result = compileSource(source.text, { modules: modules.host });
  if (result.diagnostics.length > 0) io.stderr(renderDiagnostics(result.diagnostics, name, source.text, result.files) + "\n");
  if (result.value === null) return EXIT.sourceErrors;
  const text = artifactText(result.value);
  const output = options.output;
  if (output === undefined || output === STDIN) {
    io.stdout(text);
    return EXIT.ok;
  }
  // `compile x.tenor -o x.tenor` would replace the term sheet (or a file it imports) with its artifact.
  const input = [deal, ...modules.read].find((path) => sameFile(io, output, path));
  if (input !== undefined) {
    const what = input === deal ? "the term sheet" : `${displayPath(input)}, which the term sheet imports`;
    io.stderr(`tenor: -o ${displayPath(output)} would overwrite ${what}; choose another file\n`);
    return EXIT.usage;
  }
  try {
    io.writeFile(output, text);
  } catch (e) {
    return writeFailed(io, output, e);
  }
  io.stderr(`${name}: compiled to ${displayPath(output)} (ir sha256 ${result.value.irSha256})\n`);
  return EXIT.ok;
}
