/**
 * The shape of a compiled artifact (docs/artifact.md), as a valibot
 * schema beside the IR types it describes (./ir.ts): what `loadTerms`
 * checks before it trusts anything in a file a stranger may have written.
 * A hash proves a file unchanged, not that a compiler wrote it.
 *
 * Valibot: small, dependency-free, no code generation (ajv compiles
 * schemas with `new Function`, which Tenor never runs), the same in Node
 * and browsers, and its issues carry the path of the offending field. The
 * schema checks shapes, kinds, enums and the form of every literal; what
 * needs the whole program — that a slot exists, that a party is one of the
 * deal's, that an operator gets operands of its types — is checked after
 * it (src/runtime/validate-terms.ts). `tsc` holds the schema to the IR
 * types: what it accepts must be an IR (the assertions at the end).
 */
import * as v from "valibot";
import type { Artifact } from "./artifact-format.ts";
import type { IrExpr, IrStmt, TermsIr } from "./ir.ts";

const whole = v.pipe(v.number(), v.integer(), v.minValue(0));
const range = v.tuple([whole, whole]);
const text = v.string();
/** Exact decimal text, as every number in the IR is written. */
const decimalText = v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/, "an exact decimal such as 12.5"));
/** A tiers row's value: decimal text, or a fraction n/d where it does not terminate. */
const exactText = v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$|^-?\d+\/[1-9]\d*$/, "an exact decimal, or a fraction n/d"));
/** An ISO date's form; whether the day exists is checked after the schema. */
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, "an ISO date YYYY-MM-DD"));
const valueType = v.picklist(["number", "bool", "date", "duration"]);
const rounding = v.picklist(["half_even", "half_up", "down", "up"]);

// ---------------------------------------------------------------- expressions

const base = { type: valueType, range };
const ref = { ...base, name: text, unit: v.optional(text) };

const expr: v.GenericSchema<IrExpr> = v.lazy(() => exprVariant);

const exprVariant = v.variant("kind", [
  v.strictObject({ kind: v.literal("Number"), value: decimalText, ...base }),
  v.strictObject({ kind: v.literal("Duration"), amount: decimalText, per: v.picklist(["days", "months", "years"]), ...base }),
  v.strictObject({ kind: v.literal("Date"), value: isoDate, ...base }),
  v.strictObject({ kind: v.literal("Input"), slot: whole, ...ref }),
  v.strictObject({ kind: v.literal("Const"), slot: whole, ...ref }),
  v.strictObject({ kind: v.literal("Schedule"), slot: whole, ...ref }),
  v.strictObject({ kind: v.literal("Let"), slot: whole, ...ref }),
  v.strictObject({ kind: v.literal("Balance"), slot: whole, ...ref }),
  v.strictObject({ kind: v.literal("EventArg"), event: whole, arg: whole, ...ref }),
  v.strictObject({ kind: v.literal("PeriodFact"), fact: v.picklist(["days", "period_index", "contract_year", "period_start", "period_end"]), ...ref }),
  v.strictObject({ kind: v.literal("Unary"), op: v.picklist(["-", "not"]), operand: expr, ...base }),
  v.strictObject({
    kind: v.literal("Binary"),
    op: v.picklist(["+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "and", "or"]),
    left: expr,
    right: expr,
    text: v.optional(text),
    ...base,
  }),
  v.strictObject({
    kind: v.literal("Call"),
    fn: text,
    args: v.array(expr),
    text: v.optional(text),
    decimals: v.optional(v.pipe(whole, v.maxValue(4))),
    table: v.optional(whole),
    ...base,
  }),
  v.strictObject({ kind: v.literal("If"), cond: expr, then: expr, else: expr, ...base }),
  // `Invalid` is not here: a compiler that accepted the program never writes one.
]);

// ---------------------------------------------------------------- statements and declarations

const stmt: v.GenericSchema<IrStmt> = v.lazy(() => stmtVariant);

const stmtVariant = v.variant("kind", [
  v.strictObject({ kind: v.literal("Pays"), payer: text, payee: text, amount: expr, text, range }),
  v.strictObject({
    kind: v.literal("Grants"),
    grantor: text,
    grantee: text,
    quantity: expr,
    quantityText: text,
    instrument: text,
    price: expr,
    priceText: text,
    range,
  }),
  v.strictObject({ kind: v.literal("When"), cond: expr, streak: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(-1))), body: v.array(stmt), range }),
  v.strictObject({ kind: v.literal("On"), event: whole, lets: v.array(whole), body: v.array(stmt), range }),
  v.strictObject({ kind: v.literal("AtSigning"), body: v.array(stmt), range }),
  v.strictObject({ kind: v.literal("Adjust"), op: v.picklist(["add", "subtract"]), balance: whole, amount: expr, text, range }),
  v.strictObject({ kind: v.literal("Let"), slot: whole, range }),
]);

const clause = v.strictObject({
  name: text,
  title: text,
  from: v.nullable(isoDate),
  until: v.nullable(isoDate),
  lets: v.array(v.strictObject({ name: text, value: expr, range })),
  balances: v.array(v.strictObject({ name: text, initial: expr, range })),
  caps: v.array(v.strictObject({ window: v.picklist(["term", "contract_year", "period"]), amount: expr, range })),
  streaks: v.array(v.strictObject({ cond: expr, periods: v.pipe(whole, v.minValue(1)), range })),
  body: v.array(stmt),
  range,
});

const scheduleKey = v.union([whole, isoDate]);

const schedule = v.strictObject({
  name: text,
  basis: v.picklist(["contract_year", "period", "date"]),
  entries: v.array(v.strictObject({ from: scheduleKey, to: v.nullable(scheduleKey), value: expr, static: v.boolean(), range })),
  range,
});

const tiers = v.strictObject({
  name: text,
  rows: v.array(v.strictObject({ low: exactText, high: v.nullable(exactText), value: exactText, range })),
  boundUnit: v.optional(text),
  valueUnit: v.optional(text),
  range,
});

const testValue = v.strictObject({ name: text, nameRange: range, value: expr });

const test = v.strictObject({
  title: text,
  periods: v.array(v.strictObject({ date: isoDate, dateRange: range, values: v.array(testValue), range })),
  events: v.array(v.strictObject({ date: isoDate, dateRange: range, event: text, eventRange: range, args: v.array(testValue), range })),
  expects: v.array(v.strictObject({
    payer: text,
    payee: text,
    amount: expr,
    clause: v.nullable(text),
    period: v.nullable(isoDate),
    periodRange: v.nullable(range),
    range,
  })),
  range,
});

// ---------------------------------------------------------------- the header and the whole

const unitOf = v.strictObject({ name: text, unit: text });

export const headerSchema = v.strictObject({
  title: text,
  parties: v.array(v.strictObject({ name: text, legalName: text })),
  term: v.strictObject({
    start: isoDate,
    end: isoDate,
    frequency: v.picklist(["monthly", "quarterly", "annually"]),
    generation: v.optional(v.literal("backward")),
    endOfMonth: v.optional(v.literal(true)),
  }),
  payment: v.optional(v.strictObject({
    anchor: v.picklist(["period_end", "period_start"]),
    lag: v.pipe(whole, v.maxValue(365)),
    lagUnit: v.picklist(["days", "business_days"]),
    convention: v.picklist(["following", "modified_following", "preceding"]),
    calendar: whole,
  })),
  calendars: v.optional(v.array(v.strictObject({ name: text, from: isoDate, to: isoDate, holidays: v.array(isoDate) }))),
  currency: v.strictObject({ code: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, "a three-letter currency code")), decimals: v.pipe(whole, v.maxValue(4)), rounding }),
  settleNet: v.boolean(),
  units: v.array(text),
  inputs: v.array(unitOf),
  events: v.array(v.strictObject({
    name: text,
    params: v.array(unitOf),
    limit: v.optional(v.strictObject({ count: v.pipe(whole, v.minValue(1)), per: v.picklist(["term", "contract_year", "period"]) })),
  })),
});

const bound = v.nullable(v.strictObject({ value: expr, text }));

export const termsIrSchema = v.strictObject({
  header: headerSchema,
  consts: v.array(v.strictObject({ name: text, value: expr, static: v.boolean(), range })),
  schedules: v.array(schedule),
  tiers: v.optional(v.array(tiers)),
  clauses: v.array(clause),
  tests: v.array(test),
  ranges: v.optional(v.array(v.strictObject({ input: whole, low: bound, high: bound, range }))),
});

export const artifactSchema = v.strictObject({
  format: v.literal("tenor-terms"),
  formatVersion: v.number(),
  compiler: v.strictObject({ name: text, version: text }),
  sourceSha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, "a SHA-256 in hex")),
  header: headerSchema,
  ir: termsIrSchema,
  irSha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, "a SHA-256 in hex")),
});

// What the schema accepts is an IR: a field the types lose or retype fails here.
export type SchemaTerms = v.InferOutput<typeof termsIrSchema>;
const _termsAreIr = (t: SchemaTerms): TermsIr => t;
const _artifactIsArtifact = (a: v.InferOutput<typeof artifactSchema>): Artifact => a;
void _termsAreIr;
void _artifactIsArtifact;

/** Where a value sits in the artifact, as messages name it: `$.ir.clauses[0].body[2].amount`. */
export function pathText(path: readonly { readonly key: unknown }[] | undefined): string {
  let out = "$";
  for (const item of path ?? []) out += typeof item.key === "number" ? `[${item.key}]` : `.${String(item.key)}`;
  return out;
}

/** The first thing wrong with an artifact's shape, with its path, or null when the shape is right. */
export function shapeProblem(doc: unknown): { readonly path: string; readonly message: string } | null {
  const result = v.safeParse(artifactSchema, doc, { abortEarly: true });
  if (result.success) return null;
  const issue = result.issues[0];
  return { path: pathText(issue.path), message: issue.message };
}
