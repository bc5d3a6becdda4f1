/**
 * `tenor inspect OUT.json [--json]`: what a compiled artifact holds, checked
 * first (format version, IR hash): title, parties, term, currency, inputs,
 * events, clauses, versions and hashes.
 */
import { periodsOf } from "../../eval/periods.ts";
import type { TermsHeader, TermsIr } from "../../ir/ir.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayText } from "../../text/display.ts";
import type { Io } from "../io.ts";
import { loadArtifact } from "./artifact-file.ts";
import { readArtifactFile } from "./source-file.ts";

export interface InspectOptions {
  /** Print the header as JSON instead of text. */
  readonly json?: boolean;
}

/** The `paid` rule as written, and the calendar it carries resolved; the default without one. */
function paymentLines(h: TermsHeader): string[] {
  const p = h.payment;
  if (p === undefined) return ["on each period's end date (no paid rule)"];
  const c = h.calendars?.[p.calendar];
  const lag = p.lagUnit === "days" && p.lag === 0 ? "on" : `${p.lag}${p.lagUnit === "business_days" ? " business" : ""} days after`;
  const calendar = c === undefined ? [] : [`calendar ${c.name}: ${c.holidays.length} holidays from ${c.from} to ${c.to}`];
  return [`paid ${lag} ${p.anchor}, ${p.convention} ${c?.name ?? "?"}`, ...calendar];
}

/** ` in LOW .. HIGH` as written, for the input in `slot`, or nothing without a declared range. */
function rangeText(ranges: TermsIr["ranges"], slot: number): string {
  const r = ranges?.find((x) => x.input === slot);
  if (r === undefined) return "";
  return ` in ${r.low === null ? "" : `${r.low.text} `}..${r.high === null ? "" : ` ${r.high.text}`}`;
}

export function inspectCommand(io: Io, file: string, options: InspectOptions = {}): ExitCode {
  const read = readArtifactFile(io, file);
  if ("exit" in read) return read.exit;
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
    ["term", [`${h.term.start} to ${h.term.end}, ${h.term.frequency}${h.term.generation === "backward" ? ", backward" : ""}${h.term.endOfMonth === true ? ", end_of_month" : ""} (${periodsOf(h.term).length} periods)`]],
    ["payment", paymentLines(h)],
    ["currency", [`${h.currency.code}, ${h.currency.decimals} decimal${h.currency.decimals === 1 ? "" : "s"}, rounding ${h.currency.rounding}`]],
    ["settlement", [h.settleNet ? "net (payments between two parties netted each period)" : "gross"]],
    ["units", [h.units.length === 0 ? "(none)" : h.units.join(", ")]],
    ["inputs", h.inputs.length === 0 ? ["(none)"] : h.inputs.map((i, slot) => `${i.name}: ${i.unit}${rangeText(terms.program.ir.ranges, slot)}`)],
    ["events", h.events.length === 0 ? ["(none)"] : h.events.map((e) => `${e.name}(${e.params.map((p) => `${p.name}: ${p.unit}`).join(", ")})${e.limit === undefined ? "" : ` at most ${e.limit.count} per ${e.limit.per}`}`)],
    ["clauses", clauses.length === 0 ? ["(none)"] : clauses.map((c) => (c.title === c.name ? c.name : `${c.name} "${c.title}"`))],
    ["format", [`tenor-terms version ${terms.formatVersion}`]],
    ["compiler", [terms.compiler === null ? "(unknown)" : `${terms.compiler.name} ${terms.compiler.version}`]],
    ["source sha256", [terms.sourceSha256 ?? "(none)"]],
    ["ir sha256", [`${terms.irSha256 ?? "(none)"} (verified)`]],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  // Titles and legal names come from the term sheet: hidden characters are shown as U+XXXX (the JSON keeps them exact).
  let out = `${displayText(h.title)}\n`;
  for (const [key, values] of rows) {
    values.forEach((v, i) => {
      out += `  ${(i === 0 ? key : "").padEnd(width)}  ${displayText(v)}\n`;
    });
  }
  io.stdout(out);
  return EXIT.ok;
}
