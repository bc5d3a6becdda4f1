/** Typing rules the built-ins share (docs/language.md §4). */
import { CHECK } from "../diagnostics/codes/check.ts";
import { describeType } from "../types/types.ts";
import type { NumberType, Type } from "../types/types.ts";
import type { TypingCall } from "./builtin.ts";
import type { ValueType } from "../ir/ir.ts";

/** The arguments as numbers, or null after reporting the first that is not one. */
export function numbersOnly(call: TypingCall): readonly NumberType[] | null {
  for (let i = 0; i < call.args.length; i++) {
    const t = call.args[i]!;
    if (t.kind !== "number") {
      call.error(CHECK.invalidOperand, i, `${call.name} needs numbers, but argument ${i + 1} is ${describeType(t)}`);
      return null;
    }
  }
  return call.args as readonly NumberType[];
}

/** Whether argument `i` is a date; false after reporting `what` it needs. */
export function needDate(call: TypingCall, i: number, what: string): boolean {
  const t: Type = call.args[i]!;
  if (t.kind === "date") return true;
  call.error(CHECK.invalidOperand, i, `${what}, but argument ${i + 1} is ${describeType(t)}`);
  return false;
}

/** `a`, `a and b`, `a, b and c`. */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** An IR typing rule: `result` when the argument kinds are exactly one of `forms`, else null. */
export function kinds(result: ValueType, ...forms: readonly (readonly ValueType[])[]): (args: readonly ValueType[]) => ValueType | null {
  return (args) => (forms.some((f) => f.length === args.length && f.every((k, i) => args[i] === k)) ? result : null);
}
