/**
 * The Risk tab's data, computed in the analysis worker beside the
 * analysis: `tenor bound`'s JSON report (docs/risk.md), or null when the
 * term sheet has errors. Plain data, so it crosses to the page as is.
 */
import type { ModuleHost } from "../../src/modules/host.ts";
import { boundJson, boundSource, type BoundJson } from "../../src/risk/bound/index.ts";

export function boundView(source: string, modules: ModuleHost): BoundJson | null {
  const r = boundSource(source, { modules });
  return r.value === null ? null : boundJson(r.value);
}
