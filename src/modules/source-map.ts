/**
 * Where the declarations made by `use` come from. Each instance of a
 * template is a copy of the template's declaration whose ranges are moved
 * into an address space of its own (above the term sheet's text, one slot of
 * 2^32 per instance), so a diagnostic found anywhere in the copy says which
 * instance it is in. `mapDiagnostics` turns such a diagnostic into one at the
 * `use` in the term sheet, with a note at the place in the template: every
 * consumer (terminal, editor markers) keeps working with the sheet's offsets.
 */
import type { Diagnostic, RelatedInfo } from "../diagnostics/diagnostic.ts";
import type { Range } from "../diagnostics/range.ts";

/** The size of each instance's slot: larger than any source Tenor accepts (src/limits.ts). */
export const INSTANCE_SLOT = 2 ** 32;

export interface InstanceOrigin {
  /** The instance's slot: its copy's ranges lie in [start, end). */
  readonly span: Range;
  /** Where the sheet uses the template: the name given in `use … as NAME`. */
  readonly useAt: Range;
  readonly template: string;
  /** The file declaring the template, as messages name it; null: the sheet itself. */
  readonly file: string | null;
}

export class SourceMap {
  private readonly origins: InstanceOrigin[] = [];
  /** Texts of imported files by display path, to show notes inside them. */
  readonly files = new Map<string, string>();

  /** Reserves the next slot; its start is the offset added to the template's ranges. */
  nextSpan(): Range {
    const start = (this.origins.length + 1) * INSTANCE_SLOT;
    return { start, end: start + INSTANCE_SLOT };
  }

  add(origin: InstanceOrigin): void {
    this.origins.push(origin);
  }

  /** The instance a range lies in, or null for the sheet's own text. */
  originOf(range: Range): InstanceOrigin | null {
    if (range.start < INSTANCE_SLOT) return null;
    return this.origins[Math.floor(range.start / INSTANCE_SLOT) - 1] ?? null;
  }

  /** Diagnostics with every range in the sheet; places in templates become notes. Duplicates are dropped. */
  mapDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const d of diagnostics) {
      const mapped = this.map(d);
      const key = `${mapped.code}\u0000${mapped.range?.start}\u0000${mapped.range?.end}\u0000${mapped.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(mapped);
    }
    return out;
  }

  private map(d: Diagnostic): Diagnostic {
    const related = d.related?.map((r) => this.note(r));
    const origin = d.range === undefined ? null : this.originOf(d.range);
    if (origin === null || d.range === undefined) return related === undefined ? d : { ...d, related };
    const inTemplate: RelatedInfo = { ...this.local(d.range, origin), message: `here in template ${origin.template}` };
    return {
      ...d,
      message: `in template ${origin.template}: ${d.message}`,
      range: origin.useAt,
      related: [inTemplate, ...(related ?? [])],
    };
  }

  private note(r: RelatedInfo): RelatedInfo {
    const origin = this.originOf(r.range);
    return origin === null ? r : { ...this.local(r.range, origin), message: r.message };
  }

  private local(range: Range, origin: InstanceOrigin): { range: Range; file?: string } {
    const moved = { start: range.start - origin.span.start, end: range.end - origin.span.start };
    return origin.file === null ? { range: moved } : { range: moved, file: origin.file };
  }
}
