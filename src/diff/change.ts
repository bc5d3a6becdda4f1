/** One line of the redline (docs/explain.md "tenor diff"): the JSON shape `terms` lists. */
export type TermsSection = "deal" | "parties" | "term" | "currency" | "inputs" | "events" | "values" | "schedules" | "tiers" | "clauses";

export interface TermsChange {
  /** Which part of the term sheet changed, in the order explain states them. */
  readonly section: TermsSection;
  /** The clause or declaration (its name in the sheet), or the section for the header's own lines. */
  readonly subject: string;
  readonly change: "added" | "removed" | "changed" | "moved";
  /** The English line, `subject: what changed`. */
  readonly text: string;
  /** For an added or removed clause: its sentences as `tenor explain` writes them (empty otherwise). */
  readonly details: readonly string[];
}

export function change(section: TermsSection, subject: string, kind: TermsChange["change"], detail: string, details: readonly string[] = []): TermsChange {
  return { section, subject, change: kind, text: `${subject}: ${detail}`, details };
}
