/**
 * `tenor explain`'s document (docs/explain.md): the checked program — the
 * one that settles — in plain English. Header first (parties, term,
 * currency, inputs, events), then values, schedules and tiers tables, each
 * clause as sentences, the sheet's own templates through their parameters,
 * and the test blocks as worked examples. Renderers (./render-*.ts) print
 * the document; nothing here knows a format.
 */
import type { Binding, CheckedProgram } from "../check/checked-program.ts";
import { PERIOD_FACTS } from "../check/checked-program.ts";
import { kindOf } from "../ir/exhaustive.ts";
import type { CalendarDecl, ClauseDecl, Decl, PaidDecl, Program, Stmt, TemplateDecl, TestDecl } from "../syntax/ast.ts";
import { heading, list, paragraph, type Block, type ExplainDocument, type Item } from "./document.ts";
import { say } from "./expressions.ts";
import { currencyBlocks, eventBlocks, inputBlocks, partiesBlocks, rangeWords, termBlocks } from "./header.ts";
import { statementItems, type StatementContext } from "./statements.ts";
import { scheduleLead, scheduleTable, tiersTable } from "./tables.ts";
import { instanceBlocks, templateParamsTable, type TemplateSources } from "./templates.ts";
import { count, dateWords, defined, joinAnd, nameWords } from "./words.ts";
import { constantsOf } from "./constants.ts";
import { boundBlocks } from "./bound-section.ts";

/** Where the sheet's templates come from: `checkSource`'s `parsed` and `templates`. */
export interface ExplainSources {
  /** The program as parsed, before templates were expanded (its imports and own templates). */
  readonly parsed: Program;
  readonly templates: ReadonlyMap<string, TemplateDecl>;
}

/**
 * Which section of the explanation says each kind of declaration
 * (docs/language.md §5): a new kind fails tsc here until it has one.
 */
export function declarationSection(kind: Decl["kind"]): string {
  switch (kind) {
    case "Deal": return "the title";
    case "Parties": return "Parties";
    case "Term": case "Paid": case "Calendar": return "Term and periods";
    case "Currency": case "Settle": case "Units": return "Currency, rounding and netting";
    case "Input": return "Inputs";
    case "Event": return "Events";
    case "Const": return "Values";
    case "Schedule": return "Schedules";
    case "Tiers": return "Tiers tables";
    case "Clause": case "Use": case "Import": return "Clauses";
    case "Template": return "Templates";
    case "Test": return "Worked examples";
    default: throw new Error(`tenor explain: no section for declaration ${kindOf(kind)}`);
  }
}

/** How the checked program's statements and expressions are phrased: what `tenor diff` (src/diff/) reads its lines with. */
export function explainContext(checked: CheckedProgram): StatementContext {
  const h = checked.header;
  const parties = new Map(h.parties.map((p) => [p.name, p.legalName]));
  const globals = new Map<string, Binding>();
  for (const d of checked.program.decls) {
    if (d.kind === "Input") globals.set(d.name.text, { kind: "input", decl: d });
    if (d.kind === "Const") globals.set(d.name.text, { kind: "const", decl: d });
    if (d.kind === "Schedule") globals.set(d.name.text, { kind: "schedule", decl: d });
    if (d.kind === "Tiers") globals.set(d.name.text, { kind: "tiers", decl: d });
  }
  for (const fact of PERIOD_FACTS) globals.set(fact, { kind: "periodFact", fact });
  return {
    currency: h.currency.code,
    rounding: h.currency.rounding,
    frequency: h.term.frequency,
    bindings: checked.bindings,
    types: checked.types,
    globals,
    party: (name) => parties.get(name) ?? `the ${nameWords(name)}`,
    constants: constantsOf(checked),
  };
}

export function explainProgram(checked: CheckedProgram, sources: ExplainSources): ExplainDocument {
  const h = checked.header;
  const ctx = explainContext(checked);
  // A template's own names are its parameters: none of the sheet's values (only the period facts) are seen through it.
  const templateCtx: StatementContext = {
    ...ctx,
    bindings: new Map(),
    types: new Map(),
    globals: new Map(PERIOD_FACTS.map((fact) => [fact, { kind: "periodFact", fact } as Binding])),
    party: (name) => `the ${nameWords(name)}`,
    constants: undefined,
  };
  const importedFrom = new Map<string, string>();
  for (const d of sources.parsed.decls) if (d.kind === "Import") for (const n of d.names) importedFrom.set(n.text, d.path.value);
  const templateSources: TemplateSources = { templates: sources.templates, importedFrom };

  const constants = ctx.constants!;
  const decls = checked.program.decls;
  const paid = decls.find((d): d is PaidDecl => d.kind === "Paid") ?? null;
  const calendars = decls.filter((d): d is CalendarDecl => d.kind === "Calendar");
  const blocks: Block[] = [
    ...partiesBlocks(h),
    ...termBlocks(h, paid, calendars),
    ...currencyBlocks(h),
    ...inputBlocks(h, (slot) => {
      const b = checked.inputs[slot]?.bounds;
      return b === undefined ? null : rangeWords(b.low === null ? null : say(b.low, ctx), b.high === null ? null : say(b.high, ctx));
    }),
    ...eventBlocks(h),
  ];

  if (checked.consts.length > 0) {
    blocks.push(heading(2, "Values"));
    blocks.push(list(checked.consts.map((c) => {
      const from = c.instance === undefined ? "" : ` (from the template ${c.instance.template})`;
      const literal = c.value.kind === "NumberLit" || c.value.kind === "DateExpr";
      const value = literal ? null : constants.valueWords(c.value);
      return `${defined(c.name.text)} is ${say(c.value, ctx)}${value === null ? "" : `, that is ${value}`}${from}.`;
    })));
  }
  if (checked.schedules.length > 0) {
    blocks.push(heading(2, "Schedules"));
    for (const s of checked.schedules) {
      blocks.push(heading(3, nameWords(s.name.text)));
      if (s.instance !== undefined) blocks.push(...instanceBlocks(s.instance, templateSources, ctx, templateCtx));
      blocks.push(paragraph(scheduleLead(s)), scheduleTable(s, ctx));
    }
  }
  if (checked.tiers.length > 0) {
    blocks.push(heading(2, "Tiers tables"));
    for (const t of checked.tiers) {
      blocks.push(heading(3, `the ${nameWords(t.decl.name.text)} table`));
      blocks.push(paragraph("Each row covers the values from its lower bound (included) up to its upper bound (excluded)."), tiersTable(t.decl, ctx));
    }
  }

  blocks.push(heading(2, "Clauses"));
  blocks.push(paragraph(checked.clauses.length === 0
    ? "The term sheet has no clauses: nothing is paid or granted."
    : `Each ${ctx.frequency === "monthly" ? "month" : ctx.frequency === "quarterly" ? "quarter" : "year"}, the clauses apply in this order.`));
  checked.clauses.forEach((c, i) => blocks.push(...clauseBlocks(c, i + 1, ctx, templateCtx, templateSources)));
  blocks.push(...boundBlocks(checked));

  const own = sources.parsed.decls.filter((d): d is TemplateDecl => d.kind === "Template");
  if (own.length > 0) {
    blocks.push(heading(2, "Templates"));
    blocks.push(paragraph("This term sheet declares templates that other term sheets can use; a template means the same in every deal, through its parameters."));
    for (const t of own) blocks.push(...templateBlocks(t, templateCtx));
  }

  if (checked.tests.length > 0) {
    blocks.push(heading(2, "Worked examples"));
    blocks.push(paragraph("The term sheet's tests: each settles only the periods it lists, and states what must then be paid."));
    const titles = new Map(checked.clauses.map((c) => [c.name.text, clauseTitle(c)]));
    blocks.push(list(checked.tests.map((t) => testItem(t, ctx, titles))));
  }
  return { title: h.title, blocks: [heading(1, h.title), ...blocks] };
}

function clauseTitle(c: ClauseDecl): string {
  return c.title?.value ?? nameWords(c.name.text);
}

function clauseBlocks(c: ClauseDecl, n: number, ctx: StatementContext, templateCtx: StatementContext, sources: TemplateSources): Block[] {
  const blocks: Block[] = [heading(3, `${n}. ${clauseTitle(c)} (${c.name.text})`)];
  if (c.instance === undefined) return [...blocks, ...bodyBlocks(c.body, ctx)];
  blocks.push(...instanceBlocks(c.instance, sources, ctx, templateCtx));
  const args = new Map<string, string>();
  for (const a of c.instance.use.args) {
    const v = a.value;
    if (v.kind === "Binary" || v.kind === "Call" || v.kind === "IfExpr" || v.kind === "Unary") args.set(`${v.range.start}:${v.range.end}`, a.name.text);
  }
  blocks.push(...bodyBlocks(c.body, { ...ctx, arguments: args }));
  return blocks;
}

/** A clause body: its definitions (lets, balances), its terms, then its limits (caps, windows). */
function bodyBlocks(body: readonly Stmt[], ctx: StatementContext): Block[] {
  // Lets and balances are stated first, unless a balance changes before them: a let that reads a balance takes its value where it is written.
  const firstChange = body.findIndex(changesBalance);
  const definitions: readonly Stmt[] = body.filter((s, i) => (s.kind === "Let" || s.kind === "Balance") && (firstChange < 0 || i < firstChange));
  const limits: readonly Stmt[] = body.filter((s) => s.kind === "Cap" || s.kind === "Window");
  const terms = body.filter((s) => !definitions.includes(s) && !limits.includes(s));
  const blocks: Block[] = [];
  if (definitions.length > 0) blocks.push(paragraph("In this clause:"), { kind: "list", items: statementItems(definitions, ctx) });
  blocks.push(paragraph(terms.length === 0 ? "The clause makes no payment and no grant." : "Terms:"));
  if (terms.length > 0) blocks.push({ kind: "list", items: statementItems(terms, ctx) });
  if (limits.length > 0) blocks.push(paragraph("Limits:"), { kind: "list", items: statementItems(limits, ctx) });
  return blocks;
}

function changesBalance(s: Stmt): boolean {
  if (s.kind === "Adjust") return true;
  return (s.kind === "When" || s.kind === "On" || s.kind === "AtSigning") && s.body.some(changesBalance);
}

function templateBlocks(t: TemplateDecl, ctx: StatementContext): Block[] {
  const d = t.decl;
  const what = d.kind === "Clause" ? "clause" : d.kind === "Schedule" ? "schedule" : "value";
  const blocks: Block[] = [
    heading(3, `${d.name.text}${d.kind === "Clause" && d.title !== null ? ` (“${d.title.value}”)` : ""}`),
    paragraph(`A template of a ${what}, with ${count(t.params.length, "parameter")}:`),
    templateParamsTable(t, ctx),
  ];
  if (d.kind === "Clause") blocks.push(...bodyBlocks(d.body, ctx));
  else if (d.kind === "Schedule") blocks.push(paragraph(scheduleLead(d)), scheduleTable(d, ctx));
  else blocks.push(paragraph(`Its value is ${say(d.value, ctx)}.`));
  return blocks;
}

function testItem(t: TestDecl, ctx: StatementContext, titles: ReadonlyMap<string, string>): Item {
  const periods = t.periods.map((p) => dateWords(p.date.text));
  const events = t.events.map((e) => {
    const args = e.args.map((a) => `${nameWords(a.name.text)} ${say(a.value, ctx)}`);
    return `${defined(e.event.text)} on ${dateWords(e.date.text)}${args.length === 0 ? "" : ` (${args.join(", ")})`}`;
  });
  const lead = `“${t.title.value}”: settles the ${periods.length === 1 ? "period" : "periods"} starting ${periods.length === 0 ? "(none)" : joinAnd(periods)}${events.length === 0 ? "" : `, with the events ${joinAnd(events)}`}.`;
  const expects = t.expects.map((x) => {
    const clause = x.clause === null ? undefined : titles.get(x.clause.text);
    const under = x.clause === null ? "" : ` under ${clause ?? x.clause.text}`;
    const when = x.period === null ? (t.periods.length === 1 ? "" : " in total") : ` in the period starting ${dateWords(x.period.text)}`;
    const zero = x.amount.kind === "NumberLit" && /^0+(\.0+)?$/.test(x.amount.digits);
    return `${ctx.party(x.payer.text)} pays ${ctx.party(x.payee.text)} ${zero ? "nothing" : say(x.amount, ctx)}${under}${when}.`;
  });
  return { text: lead, children: expects.length === 0 ? [] : [list(expects)] };
}
