/**
 * `tenor inspect OUT.json [--json]`: what a compiled artifact holds, checked
 * first (format version, IR hash): title, parties, term, currency, inputs,
 * events, clauses, versions and hashes.
 */
import { periodsOf } from "../../eval/periods.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { tryRead, type Io } from "../io.ts";
import { loadArtifact } from "./artifact-file.ts";

export interface InspectOptions {
  /** Print the header as JSON instead of text. */
  readonly json?: boolean;
}

export function inspectCommand(io: Io, file: string, options: InspectOptions = {}): ExitCode {
  const read = tryRead(io, file);
  if ("error" in read) {
    io.stderr(`tenor: ${read.error}\n`);
    return EXIT.usage;
  }
  const terms = loadArtifact(io, file, read.text);
  if (terms === null) return EXIT.sourceErrors;
  const h = terms.header;
  const versions = {
    formatVersion: terms.formatVersion,
    compiler: terms.compiler,
    sourceSha256: terms.sourceSha256,
    irSha256: terms.irSha256,
  };
  if (options.json === true) {
    io.stdout(`${JSON.stringify({ ...versions, header: h }, null, 2)}\n`);
    return EXIT.ok;
  }
  const clauses = terms.program.ir.clauses;
  const rows: [string, string[]][] = [
    ["parties", h.parties.map((p) => `${p.name}: ${p.legalName}`)],
    ["term", [`${h.term.start} to ${h.term.end}, ${h.term.frequency} (${periodsOf(h.term).length} periods)`]],
    ["currency", [`${h.currency.code}, ${h.currency.decimals} decimal${h.currency.decimals === 1 ? "" : "s"}, rounding ${h.currency.rounding}`]],
    ["settlement", [h.settleNet ? "net (payments between two parties netted each period)" : "gross"]],
    ["units", [h.units.length === 0 ? "(none)" : h.units.join(", ")]],
    ["inputs", h.inputs.length === 0 ? ["(none)"] : h.inputs.map((i) => `${i.name}: ${i.unit}`)],
    ["events", h.events.length === 0 ? ["(none)"] : h.events.map((e) => `${e.name}(${e.params.map((p) => `${p.name}: ${p.unit}`).join(", ")})`)],
    ["clauses", clauses.length === 0 ? ["(none)"] : clauses.map((c) => (c.title === c.name ? c.name : `${c.name} "${c.title}"`))],
    ["format", [`tenor-terms version ${terms.formatVersion}`]],
    ["compiler", [terms.compiler === null ? "(unknown)" : `${terms.compiler.name} ${terms.compiler.version}`]],
    ["source sha256", [terms.sourceSha256 ?? "(none)"]],
    ["ir sha256", [`${terms.irSha256 ?? "(none)"} (verified)`]],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  let out = `${h.title}\n`;
  for (const [key, values] of rows) {
    values.forEach((v, i) => {
      out += `  ${(i === 0 ? key : "").padEnd(width)}  ${v}\n`;
    });
  }
  io.stdout(out);
  return EXIT.ok;
}
