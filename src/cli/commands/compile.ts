/** `tenor compile DEAL [-o OUT.json]`: the versioned artifact production services load (docs/artifact.md). */
import { compileSource } from "../../api.ts";
import { artifactText } from "../../compile/artifact.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { nodeHost } from "../../modules/node-host.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { tryRead, type Io } from "../io.ts";

export interface CompileOptions {
  /** Where to write the artifact; stdout when absent. */
  readonly output?: string;
}

export function compileCommand(io: Io, deal: string, options: CompileOptions): ExitCode {
  const source = tryRead(io, deal);
  if ("error" in source) {
    io.stderr(`tenor: ${source.error}\n`);
    return EXIT.usage;
  }
  const result = compileSource(source.text, { modules: nodeHost(deal, io.readFile) });
  if (result.diagnostics.length > 0) io.stderr(renderDiagnostics(result.diagnostics, deal, source.text, result.files) + "\n");
  if (result.value === null) return EXIT.sourceErrors;
  const text = artifactText(result.value);
  if (options.output === undefined) {
    io.stdout(text);
    return EXIT.ok;
  }
  try {
    io.writeFile(options.output, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such directory" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : "cannot be written";
    io.stderr(`tenor: ${options.output}: ${reason}\n`);
    return EXIT.usage;
  }
  io.stderr(`${deal}: compiled to ${options.output} (ir sha256 ${result.value.irSha256})\n`);
  return EXIT.ok;
}
