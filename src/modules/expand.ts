/**
 * Modules and templates, between parsing and checking: the sheet's `use`
 * declarations become the clauses, schedules and consts they make, and
 * `import` / `template` declarations leave the program. The checker then
 * sees an ordinary term sheet; the source map says which parts came from
 * which template (docs/language.md §5, "Templates and imports").
 */
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { CHECK } from "../diagnostics/codes/check.ts";
import { didYouMean } from "../diagnostics/suggest.ts";
import type { Decl, EventDecl, Program, TemplateDecl } from "../syntax/ast.ts";
import { PERIOD_FACTS } from "../check/checked-program.ts";
import type { ModuleHost } from "./host.ts";
import { instantiate, type SheetFacts } from "./instantiate.ts";
import { loadTemplates } from "./load.ts";
import { SourceMap } from "./source-map.ts";

export interface ExpandOptions {
  readonly host: ModuleHost;
  /** Most files one sheet may import, directly or not (src/limits.ts). */
  readonly maxModules: number;
}

export interface Expansion {
  /** The program without imports and templates, each `use` replaced by what it makes. */
  readonly program: Program;
  /** The templates the sheet can use, by name (its own and imported ones): for editors. */
  readonly templates: ReadonlyMap<string, TemplateDecl>;
  readonly sources: SourceMap;
  readonly diagnostics: readonly Diagnostic[];
}

export function expandProgram(program: Program, options: ExpandOptions): Expansion {
  const sources = new SourceMap();
  const usesModules = program.decls.some((d) => d.kind === "Import" || d.kind === "Template" || d.kind === "Use");
  if (!usesModules) return { program, templates: new Map(), sources, diagnostics: [] };

  const loaded = loadTemplates(program, options.host, options.maxModules);
  for (const f of loaded.files) sources.files.set(f.path, f.text);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const sheet = sheetFacts(program);
  const decls: Decl[] = [];
  for (const d of program.decls) {
    if (d.kind === "Import" || d.kind === "Template") continue;
    if (d.kind !== "Use") {
      decls.push(d);
      continue;
    }
    const source = loaded.templates.get(d.template.text);
    if (source === undefined) {
      const known = [...loaded.templates.keys()];
      const hint = known.length === 0 ? "; import it first: import NAME from \"stdlib/…\"" : didYouMean(d.template.text, known);
      diagnostics.push({ code: CHECK.unknownTemplate, severity: "error", message: `unknown template ${d.template.text}${hint}`, range: d.template.range });
      continue;
    }
    const span = sources.nextSpan();
    const made = instantiate(d, source, span, sheet);
    sources.add({ span, useAt: d.name.range, template: d.template.text, file: source.file?.path ?? null });
    diagnostics.push(...made.diagnostics);
    const failed = source.broken || made.diagnostics.some((x) => x.severity === "error");
    decls.push(failed ? ({ ...made.decl, recovered: true } as Decl) : made.decl);
  }
  const templates = new Map([...loaded.templates].map(([name, t]) => [name, t.decl]));
  return { program: { ...program, decls }, templates, sources, diagnostics };
}

/** What instances need from the sheet: the currency, the events, the value names a local must avoid. */
function sheetFacts(program: Program): SheetFacts {
  let currency: string | null = null;
  const events = new Map<string, EventDecl>();
  const valueNames = new Set<string>(PERIOD_FACTS);
  for (const d of program.decls) {
    switch (d.kind) {
      case "Currency": currency ??= d.code.text; break;
      case "Event": if (!events.has(d.name.text)) events.set(d.name.text, d); break;
      case "Input": case "Const": case "Schedule": case "Tiers": valueNames.add(d.name.text); break;
      case "Use": valueNames.add(d.name.text); break;
      default: break;
    }
  }
  return { currency, events, valueNames };
}
