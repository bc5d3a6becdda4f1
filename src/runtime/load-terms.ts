/**
 * `loadTerms`: an artifact (docs/artifact.md) as the runtime accepts it —
 * a Tenor terms artifact of a format version this runtime reads, whose IR
 * matches its SHA-256 and whose header matches its IR — prepared once into
 * the evaluation form. Anything else is refused with a TenorError that
 * says which check failed.
 */
import { ARTIFACT_FORMAT, formatVersionOf, READABLE_FORMAT_VERSIONS } from "../ir/artifact-format.ts";
import type { CompilerInfo } from "../ir/artifact-format.ts";
import type { TermsIr } from "../ir/ir.ts";
import { COMPILE } from "../diagnostics/codes/compile.ts";
import { canonicalJson } from "../ir/canonical-json.ts";
import { prepareProgram } from "./prepare.ts";
import type { PrepareOptions } from "./prepare.ts";
import { validateTerms } from "./validate-terms.ts";
import { shapeProblem } from "../ir/schema.ts";
import { tooDeep } from "../ir/json-depth.ts";
import { MAX_ARTIFACT_DEPTH } from "../limits.ts";
import { sha256Hex } from "../ir/sha256.ts";
import { TenorError } from "./tenor-error.ts";
import type { Terms } from "./terms.ts";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The SHA-256 of the IR's canonical text. An IR just parsed from a compiled
 * artifact's text has its keys in canonical order already, so JSON.stringify
 * (native, several times faster) usually writes that very text; when its
 * hash matches, the IR is the one that was hashed. Otherwise (keys
 * reordered, say by a tool that rewrote the file) the canonical text
 * decides. `parsed` must be false for objects from a caller: JSON.stringify
 * would follow their toJSON methods and unwrap boxed strings.
 */
function irHash(ir: unknown, expected: string, parsed: boolean): string {
  const quick = parsed ? sha256Hex(JSON.stringify(ir)) : null;
  return quick === expected ? quick : sha256Hex(canonicalJson(ir));
}

/** Whether two JSON values are equal: the same text as read (`parsed`, as for irHash), or else canonically. */
function sameJson(a: unknown, b: unknown, parsed: boolean): boolean {
  return (parsed && JSON.stringify(a) === JSON.stringify(b)) || canonicalJson(a) === canonicalJson(b);
}

/** How loaded terms are prepared: `fastPath: false` settles without the scaled-integer fast path (the same ledger, for comparing). */
export type LoadOptions = Pick<PrepareOptions, "fastPath">;

/** Reads and verifies an artifact (its JSON text, or the parsed object). Throws TenorError when it is refused. */
export function loadTerms(artifact: string | object, options: LoadOptions = {}): Terms {
  let doc: unknown = artifact;
  if (typeof artifact === "string") {
    try {
      doc = JSON.parse(artifact);
    } catch (e) {
      throw new TenorError(COMPILE.artifactNotJson, `the artifact is not JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (!isRecord(doc)) throw new TenorError(COMPILE.artifactNotJson, "the artifact must be a JSON object");
  const deep = tooDeep(doc, MAX_ARTIFACT_DEPTH);
  if (deep !== null) throw new TenorError(COMPILE.artifactInvalid, `the artifact nests deeper than ${MAX_ARTIFACT_DEPTH} levels, at ${deep}`);
  if (doc["format"] !== ARTIFACT_FORMAT) {
    throw new TenorError(COMPILE.notAnArtifact, `not a Tenor terms artifact: "format" is ${JSON.stringify(doc["format"]) ?? "missing"}, expected "${ARTIFACT_FORMAT}"`);
  }
  const version = doc["formatVersion"];
  const compiler = isRecord(doc["compiler"]) && typeof doc["compiler"]["name"] === "string" && typeof doc["compiler"]["version"] === "string"
    ? { name: doc["compiler"]["name"], version: doc["compiler"]["version"] } satisfies CompilerInfo
    : null;
  if (typeof version !== "number" || !READABLE_FORMAT_VERSIONS.includes(version)) {
    const by = compiler === null ? "" : ` (compiled by ${compiler.name} ${compiler.version})`;
    throw new TenorError(
      COMPILE.unsupportedFormatVersion,
      `artifact format version ${JSON.stringify(version) ?? "missing"}${by} is not supported: this runtime reads versions ${READABLE_FORMAT_VERSIONS.join(" and ")}; ` +
      "compile the term sheet with a tenor that writes it, or use a runtime that reads this version",
    );
  }
  const ir = doc["ir"];
  const irSha256 = doc["irSha256"];
  const sourceSha256 = doc["sourceSha256"];
  const header = doc["header"];
  const missing = [
    compiler === null ? "compiler" : null,
    typeof sourceSha256 !== "string" ? "sourceSha256" : null,
    !isRecord(header) ? "header" : null,
    !isRecord(ir) ? "ir" : null,
    typeof irSha256 !== "string" ? "irSha256" : null,
  ].filter((m) => m !== null);
  if (missing.length > 0) throw new TenorError(COMPILE.notAnArtifact, `not a complete Tenor terms artifact: ${missing.join(", ")} missing or malformed`);
  const parsed = typeof artifact === "string";
  const actual = irHash(ir, irSha256 as string, parsed);
  if (actual !== irSha256) {
    throw new TenorError(
      COMPILE.artifactTampered,
      `the artifact's IR does not match its hash (irSha256 ${String(irSha256)}, but the IR hashes to ${actual}): it was changed after it was compiled`,
    );
  }
  if (!isRecord(ir) || !sameJson(header, ir["header"], parsed)) {
    throw new TenorError(COMPILE.artifactTampered, "the artifact's header does not match the header inside its IR: it was changed after it was compiled");
  }
  // Intact is not valid: a hash proves nobody changed the file, not that a compiler wrote it.
  const shape = shapeProblem(doc);
  if (shape !== null) throw new TenorError(COMPILE.artifactInvalid, `the artifact is not one a compiler writes, at ${shape.path}: ${shape.message}`);
  const terms = ir as unknown as TermsIr;
  // Ranges and event counts came with version 4: a version-3 file that has them was not written by a compiler.
  if (formatVersionOf(terms) > version) {
    const where = terms.ranges !== undefined ? "$.ir.ranges" : "$.ir.header.events";
    throw new TenorError(COMPILE.artifactInvalid, `the artifact is not one a compiler writes, at ${where}: declared ranges and event counts need format version ${formatVersionOf(terms)}, not ${version}`);
  }
  validateTerms(terms);
  try {
    return {
      header: terms.header,
      formatVersion: version,
      compiler,
      sourceSha256: sourceSha256 as string,
      irSha256: actual,
      program: prepareProgram(terms, options.fastPath === undefined ? {} : { fastPath: options.fastPath }),
    };
  } catch (e) {
    throw new TenorError(COMPILE.notAnArtifact, `the artifact's IR is malformed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
