/**
 * `tenor compile`: a checked program as a versioned, self-describing
 * artifact (docs/artifact.md) — format and compiler versions, the hash of
 * the source, the deal header, the IR and a hash over the IR's canonical
 * JSON, so a service can store it, audit it, and refuse one that changed.
 */
import { canonicalJson } from "../ir/canonical-json.ts";
import { sha256Hex } from "../ir/sha256.ts";
import { ARTIFACT_FORMAT, formatVersionOf } from "../ir/artifact-format.ts";
import type { Artifact, CompilerInfo } from "../ir/artifact-format.ts";
import { lowerProgram } from "./lower.ts";
import { TENOR_VERSION } from "../version.ts";
import type { CheckedProgram } from "../check/checked-program.ts";

/** This compiler. */
export const COMPILER: CompilerInfo = { name: "tenor", version: TENOR_VERSION };

/** The artifact of a term sheet that checked without errors. */
export function compileArtifact(source: string, checked: CheckedProgram): Artifact {
  const ir = lowerProgram(checked);
  return {
    format: ARTIFACT_FORMAT,
    formatVersion: formatVersionOf(ir),
    compiler: COMPILER,
    sourceSha256: sha256Hex(source),
    header: ir.header,
    ir,
    irSha256: sha256Hex(canonicalJson(ir)),
  };
}

/** The artifact as a file: its canonical JSON and a newline. */
export function artifactText(artifact: Artifact): string {
  return `${canonicalJson(artifact)}\n`;
}
