/**
 * The service's JSON body parser. `JSON.parse` alone hides what `tenor run`
 * refuses in an inputs file: it keeps the last of two equal keys, and turns
 * every number into a binary double, so `{"revenue": 12345678901234567890}`
 * would be stored as 12345678901234567000 (docs/language.md §11: a JSON
 * number is taken only when it reads without loss, TN3103). And a body
 * nested thousands deep would overflow the stack of the recursive canonical
 * writer: a 500. So the text, once it parses, is walked once more, without
 * recursion, and each of these is a problem naming where it is.
 */
import { INPUT } from "../../diagnostics/codes/input.ts";
import { SERVICE } from "../../diagnostics/codes/service.ts";
import { readValue } from "../../inputs/read-value.ts";
import { Problem } from "../problem.ts";

/** Far deeper than any artifact a compiler writes (source nesting stops at 200 levels), far shallower than the stack. */
export const MAX_BODY_DEPTH = 1000;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SPACE = /[ \t\n\r]*/y;

/** A container being walked: an object's keys so far (null for an array), the next array index, and where it is. */
interface Frame {
  readonly keys: Set<string> | null;
  readonly path: readonly (string | number)[];
  index: number;
  /** The key whose value comes next (objects). */
  key: string | null;
}

/** The body as a value; a Problem for text that is not JSON, or JSON this service refuses. `period`: the route's period start, for messages. */
export function parseJsonBody(text: string, period: string | undefined): unknown {
  if (text.trim() === "") throw new Problem(400, SERVICE.badRequest, "the body is empty; send a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Problem(400, SERVICE.badRequest, `the body is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  checkJsonText(text, period);
  return value;
}

/** Walks valid JSON text; throws the first Problem found. */
function checkJsonText(text: string, period: string | undefined): void {
  const stack: Frame[] = [];
  let i = 0;
  const top = () => stack[stack.length - 1];
  const valuePath = (): (string | number)[] => {
    const f = top();
    if (f === undefined) return [];
    return [...f.path, f.keys === null ? f.index : f.key!];
  };
  while (i < text.length) {
    SPACE.lastIndex = i;
    SPACE.exec(text);
    i = SPACE.lastIndex;
    const c = text[i];
    if (c === undefined) break;
    if (c === "{" || c === "[") {
      if (stack.length >= MAX_BODY_DEPTH) throw new Problem(400, SERVICE.badRequest, `the body nests deeper than ${MAX_BODY_DEPTH} levels`, fieldAt(valuePath().slice(0, 3)));
      stack.push({ keys: c === "{" ? new Set() : null, path: valuePath(), index: 0, key: null });
      i++;
    } else if (c === "}" || c === "]") {
      stack.pop();
      i++;
    } else if (c === ",") {
      const f = top()!;
      if (f.keys === null) f.index++;
      else f.key = null;
      i++;
    } else if (c === ":") {
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      const f = top();
      if (f !== undefined && f.keys !== null && f.key === null) {
        f.key = JSON.parse(text.slice(i, end)) as string;
        checkKey(f, f.key, period);
      }
      i = end;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(text)![0];
      checkNumber(number, valuePath(), period);
      i += number.length;
    } else {
      // true, false, null
      i += c === "f" ? 5 : 4;
    }
  }
}

/** The index just past the string literal starting at `start` (the text is valid JSON). */
function stringEnd(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    let backslashes = 0;
    while (text[q - 1 - backslashes] === "\\") backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

function checkKey(f: Frame, key: string, period: string | undefined): void {
  const at = [...f.path, key];
  // The keys secure-json-parse (Fastify's own parser) refuses: what could reach an object's prototype.
  if (key === "__proto__" || (key === "prototype" && f.path[f.path.length - 1] === "constructor")) {
    throw new Problem(400, SERVICE.badRequest, `the body has a ${JSON.stringify(key)} key${where(f.path)}: this service refuses keys that could change an object's prototype`, fieldAt(at));
  }
  if (f.keys!.has(key)) {
    if (f.path.length === 1 && f.path[0] === "inputs") {
      throw new Problem(422, INPUT.duplicateField, `${periodText(period)}input ${JSON.stringify(key)} is given more than once`, { ...(period === undefined ? {} : { period }), field: key });
    }
    throw new Problem(400, SERVICE.badRequest, `the body has the key ${JSON.stringify(key)} more than once${where(f.path)}: JSON readers disagree on which one counts`, fieldAt(at));
  }
  f.keys!.add(key);
}

function checkNumber(number: string, path: readonly (string | number)[], period: string | undefined): void {
  const read = readValue({ kind: "number", text: number });
  if (read.ok) return;
  const input = path.length === 2 && path[0] === "inputs" ? String(path[1]) : null;
  const what = input !== null ? `input ${JSON.stringify(input)}` : `the value at ${path.join(".") || "the top"}`;
  throw new Problem(422, read.code, `${periodText(period)}${what} ${read.problem}`, {
    ...(period === undefined ? {} : { period }),
    ...(input !== null ? { field: input } : fieldAt(path)),
  });
}

const periodText = (period: string | undefined) => (period === undefined ? "" : `period ${period}: `);
const where = (path: readonly (string | number)[]) => (path.length === 0 ? "" : ` in ${path.join(".")}`);
const fieldAt = (path: readonly (string | number)[]) => (path.length === 0 ? {} : { field: path.join(".") });
