/**
 * The static types of Tenor (docs/language.md §2): what the checker infers
 * for every expression and what the built-ins' typing rules (src/builtins)
 * speak, with the helpers messages use.
 */
import { Unit } from "./unit.ts";

/** The static type of an expression. Numbers carry a unit (dimensionless: empty unit). */
export type Type =
  | { readonly kind: "number"; readonly unit: Unit }
  | { readonly kind: "bool" }
  | { readonly kind: "date" }
  | { readonly kind: "duration"; readonly per: "days" | "months" | "years" }
  /** The type of an expression the checker already reported; never reported again. */
  | { readonly kind: "error" };

/** A number type: its unit is known. */
export type NumberType = Extract<Type, { kind: "number" }>;

export const ERROR_TYPE: Type = { kind: "error" };
export const BOOL_TYPE: Type = { kind: "bool" };
export const DATE_TYPE: Type = { kind: "date" };
export const PLAIN_TYPE: Type = { kind: "number", unit: Unit.NONE };

export function numberType(unit: Unit): Type {
  return unit.isNone ? PLAIN_TYPE : { kind: "number", unit };
}

export function isError(t: Type): boolean {
  return t.kind === "error";
}

export function sameType(a: Type, b: Type): boolean {
  if (a.kind === "number" && b.kind === "number") return a.unit.equals(b.unit);
  if (a.kind === "duration" && b.kind === "duration") return a.per === b.per;
  return a.kind === b.kind;
}

/** How a type reads in a message: `USD`, `a plain number`, `a date`, `true/false`. */
export function describeType(t: Type): string {
  switch (t.kind) {
    case "number":
      return t.unit.isNone ? "a plain number" : t.unit.toString();
    case "bool":
      return "true/false";
    case "date":
      return "a date";
    case "duration":
      return `a duration in ${t.per}`;
    case "error":
      return "an invalid value";
  }
}

/** A unit or type name for "cannot add X and Y": bare unit names, `number` for plain numbers. */
export function unitWord(t: Type): string {
  return t.kind === "number" ? t.unit.toString() : describeType(t);
}

/** Null when `t` is money in the currency (or already an error); else how it reads in a message. */
export function notMoney(t: Type, currency: string | null): string | null {
  if (t.kind === "error" || currency === null) return null;
  if (t.kind === "number") {
    if (t.unit.toString() === currency) return null;
    return t.unit.isNone ? "a plain number" : `in ${t.unit.toString()}`;
  }
  return describeType(t);
}
