/**
 * Templates in English (docs/language.md §5 "Templates and imports"): what
 * each parameter takes, and for an instance the value the sheet gave it (or
 * the default), so a clause made by `use` reads through its parameters.
 */
import { kindOf } from "../ir/exhaustive.ts";
import type { Instance, ParamType, TemplateDecl, TemplateParam, UnitExpr } from "../syntax/ast.ts";
import { list, paragraph, table, type Block } from "./document.ts";
import { say } from "./expressions.ts";
import type { StatementContext } from "./statements.ts";
import { defined, nameWords, unitPhrase, joinAnd } from "./words.ts";

/** What a template knows about where templates come from. */
export interface TemplateSources {
  readonly templates: ReadonlyMap<string, TemplateDecl>;
  /** The file each imported template name comes from (`stdlib/buyback`). */
  readonly importedFrom: ReadonlyMap<string, string>;
}

function unitExprWords(u: UnitExpr): string {
  const num = u.numerator.map((n) => n.text);
  const den = u.denominator.map((n) => n.text);
  if (num.length === 1 && num[0] === "number" && den.length === 0) return "a number";
  if (num.length === 1 && num[0] === "money") return den.length === 0 ? "an amount of money" : `a price in money per ${unitPhrase(den, [], false)}`;
  // A unit parameter (q) is a name, not a word: not made plural.
  return `a quantity in ${unitPhrase(num, den, false)}`;
}

/** What a parameter takes, in words. */
export function paramTypeWords(t: ParamType): string {
  switch (t.kind) {
    case "party": return "a party";
    case "unit": return "a unit";
    case "tiers": return "a tiers table";
    case "date": return "a date";
    case "duration": return `a duration in ${t.per}`;
    case "event": return `an event giving ${t.params.length === 0 ? "nothing" : joinAnd(t.params.map((p) => `${nameWords(p.name.text)} (${unitExprWords(p.unit)})`))}`;
    case "value": return unitExprWords(t.unit);
    default: throw new Error(`tenor explain: no English for parameter type ${kindOf(t)}`);
  }
}

/** The template's parameters: name, what it takes, default. */
export function templateParamsTable(t: TemplateDecl, ctx: StatementContext): Block {
  return table(["Parameter", "Takes", "Default"], t.params.map((p) => [nameWords(p.name.text), paramTypeWords(p.type), p.default === null ? "none: must be given" : say(p.default, ctx)]));
}

function argumentWords(p: TemplateParam, value: NonNullable<TemplateParam["default"]>, ctx: StatementContext): string {
  if (value.kind === "NameRef") {
    const name = value.name.text;
    switch (p.type.kind) {
      case "party": return ctx.party(name);
      case "unit": return unitPhrase([name], [], true);
      case "event": return defined(name);
      case "tiers": return `the ${nameWords(name)} table`;
      default: break;
    }
  }
  return say(value, ctx);
}

/** The lead and parameter table of a declaration made by `use`. */
export function instanceBlocks(instance: Instance, sources: TemplateSources, ctx: StatementContext, templateCtx: StatementContext): Block[] {
  const t = sources.templates.get(instance.template);
  const from = sources.importedFrom.get(instance.template);
  const where = from === undefined ? "declared in this term sheet" : `from ${from}`;
  const lead = paragraph(`Made from the template ${instance.template} (${where}) with these terms:`);
  if (t === undefined) return [lead, list(instance.use.args.map((a) => `${nameWords(a.name.text)}: ${say(a.value, ctx)}`))];
  const rows = t.params.map((p) => {
    const arg = instance.use.args.find((a) => a.name.text === p.name.text);
    const value = arg !== undefined ? argumentWords(p, arg.value, ctx) : p.default !== null ? `${argumentWords(p, p.default, templateCtx)} (the default)` : "not given";
    return [nameWords(p.name.text), paramTypeWords(p.type), value];
  });
  return [lead, table(["Parameter", "Takes", "Given"], rows)];
}
