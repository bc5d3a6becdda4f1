/**
 * The Risk tab's data, computed in the analysis worker from the same check
 * the ledger settles: `tenor bound`'s JSON report (docs/risk.md), or null
 * when the term sheet has errors. Plain data, so it crosses to the page as is.
 */
import type { CheckResult } from "../../src/api.ts";
import { boundChecked, boundJson, type BoundJson } from "../../src/risk/bound/index.ts";

export function boundView(checked: CheckResult): BoundJson | null {
  return checked.value === null ? null : boundJson(boundChecked(checked.value).value);
}
