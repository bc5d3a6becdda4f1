/**
 * Rules a template's own text must keep, checked in the file that declares
 * it (whoever uses it): parameter names are distinct; the template's lets
 * and balances do not reuse them (a parameter is replaced wherever its name
 * appears, so a local of that name would be replaced too); and the template
 * names nothing of any sheet (every party, unit, event, value or table it
 * uses is a parameter, one of its own lets or balances, or a period fact),
 * so it means the same in every deal that uses it.
 */
import { PERIOD_FACTS } from "../check/checked-program.ts";
import { CHECK } from "../diagnostics/codes/check.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Name, ParamType, Stmt, TemplateDecl } from "../syntax/ast.ts";

/** Unit names every template may write: the using deal's currency, plain numbers, durations. */
const TEMPLATE_UNITS = new Set(["money", "number", "days", "months", "years"]);

export function checkTemplateRules(t: TemplateDecl): Diagnostic[] {
  const out: Diagnostic[] = [];
  const params = new Map<string, Name>();
  for (const p of t.params) {
    const first = params.get(p.name.text);
    if (first === undefined) params.set(p.name.text, p.name);
    else {
      out.push({
        code: CHECK.duplicateTemplate,
        severity: "error",
        message: `template ${t.decl.name.text} already has a parameter ${p.name.text}; choose another name`,
        range: p.name.range,
        related: [{ range: first.range, message: `${p.name.text} is first declared here` }],
      });
    }
  }
  out.push(...checkOwnNames(t));
  if (t.decl.kind === "Clause") {
    for (const local of localNames(t.decl.body)) {
      const param = params.get(local.text);
      if (param === undefined) continue;
      out.push({
        code: CHECK.templateLocalShadowsParam,
        severity: "error",
        message: `${local.text} is a parameter of template ${t.decl.name.text}; give this local value another name`,
        range: local.range,
        related: [{ range: param.range, message: `the parameter ${local.text}` }],
      });
    }
  }
  return out;
}

/** The names a clause body declares: lets and balances, in nested blocks too. */
export function localNames(body: readonly Stmt[]): Name[] {
  const out: Name[] = [];
  const visit = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      if (s.kind === "Let" || s.kind === "Balance") out.push(s.name);
      if (s.kind === "When" || s.kind === "On" || s.kind === "AtSigning") visit(s.body);
    }
  };
  visit(body);
  return out;
}

/** Every name the template's text uses, checked against what it may use (see the file comment). */
function checkOwnNames(t: TemplateDecl): Diagnostic[] {
  const out: Diagnostic[] = [];
  const kinds = new Map<string, ParamType["kind"]>(t.params.map((p) => [p.name.text, p.type.kind]));
  const locals = new Set(t.decl.kind === "Clause" ? localNames(t.decl.body).map((n) => n.text) : []);
  const eventArgs = new Set(t.params.flatMap((p) => (p.type.kind === "event" ? p.type.params.map((a) => a.name.text) : [])));
  const what = t.decl.name.text;
  const refuse = (n: Name, role: string, wanted: string): void => {
    out.push({
      code: CHECK.templateUsesSheetName,
      severity: "error",
      message: `template ${what} uses the ${role} ${n.text}, which is not ${wanted}; make it a parameter so that each deal gives its own`,
      range: n.range,
    });
  };
  const isParam = (n: Name, ...allowed: ParamType["kind"][]) => allowed.includes(kinds.get(n.text) ?? ("" as ParamType["kind"]));
  const value = (n: Name): void => {
    const k = kinds.get(n.text);
    const ok = (k !== undefined && k !== "party" && k !== "unit" && k !== "event") || locals.has(n.text) || eventArgs.has(n.text)
      || (PERIOD_FACTS as readonly string[]).includes(n.text);
    if (!ok) refuse(n, "name", "one of its parameters, lets or balances, or a period fact");
  };
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(visit);
    if (typeof x !== "object" || x === null) return;
    const node = x as Record<string, unknown> & { kind?: string };
    switch (node.kind) {
      case "NameRef": return value((node as unknown as { name: Name }).name);
      case "Call": return visit((node as { args?: unknown }).args); // the callee is a built-in
      case "UnitExpr": {
        const u = node as unknown as { numerator: Name[]; denominator: Name[] };
        for (const n of [...u.numerator, ...u.denominator]) if (!TEMPLATE_UNITS.has(n.text) && !isParam(n, "unit")) refuse(n, "unit", "money, number, a duration or a unit parameter");
        return;
      }
      case "Pays": case "Grants":
        for (const key of ["payer", "payee", "grantor", "grantee"]) {
          const n = node[key] as Name | undefined;
          if (n !== undefined && !isParam(n, "party")) refuse(n, "party", "a party parameter");
        }
        break;
      case "On": {
        const n = (node as unknown as { event: Name }).event;
        if (!isParam(n, "event")) refuse(n, "event", "an event parameter");
        break;
      }
      case "Adjust": case "Let": case "Balance": case "Window": case "When":
        break;
      default:
        break;
    }
    for (const key of Object.keys(node)) {
      if (key === "range" || key === "name" || key === "balance" || key === "event" || key === "instrument") continue;
      if (node.kind === "Window" && key === "date") continue; // a date parameter, or a date written out
      if (node.kind === "When" && key === "consecutive") continue; // a number parameter, or written out
      visit(node[key]);
    }
  };
  const d = t.decl;
  if (d.kind === "Clause") visit(d.body);
  else if (d.kind === "Schedule") visit(d.entries);
  else visit(d.value);
  for (const p of t.params) {
    if (p.default !== null) visit(p.default);
    if (p.type.kind === "value") visit(p.type.unit);
    if (p.type.kind === "event") visit(p.type.params.map((a) => a.unit));
  }
  return out;
}
