/**
 * Source to artifact: check, then compile (src/compile/artifact.ts).
 * Kept out of src/api.ts because hashing needs node:crypto, which the
 * playground's browser bundle of api.ts must not pull in.
 */
import { checkSource, type SourceOptions, type WithFiles } from "../api.ts";
import type { Result } from "../diagnostics/diagnostic.ts";
import { compileArtifact } from "./artifact.ts";
import type { Artifact } from "./artifact-format.ts";

export type { Artifact };

/** Checks a term sheet and compiles it to an artifact (imported templates end up in its IR). */
export function compileSource(source: string, options: SourceOptions = {}): Result<Artifact | null> & WithFiles {
  const checked = checkSource(source, options);
  if (checked.value === null) return { value: null, diagnostics: checked.diagnostics, files: checked.files };
  return { value: compileArtifact(source, checked.value), diagnostics: checked.diagnostics, files: checked.files };
}
