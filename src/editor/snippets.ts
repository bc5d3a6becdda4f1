/**
 * Clause shapes a deal team writes again and again, as editor snippets
 * (Monaco/TextMate syntax: `${1:default}` tab stops). Defaults are taken
 * from the term sheet when it declares them (parties, the currency, an
 * input, an event), so an inserted clause is often valid as is.
 */
import type { SymbolIndex } from "./symbols.ts";

export interface ClauseSnippet {
  readonly label: string;
  readonly description: string;
  readonly body: string;
}

/** A default for a tab stop: `$`, `}` and `\` are escaped as the snippet syntax requires. */
function stop(n: number, text: string): string {
  return `\${${n}:${text.replace(/[$}\\]/g, "\\$&")}}`;
}

/** The four clause shapes of the brief: revenue share, buyback, guarantee on an event, warrants at signing. */
export function clauseSnippets(index: SymbolIndex): ClauseSnippet[] {
  const names = (kind: string) => index.symbols.filter((s) => s.kind === kind).map((s) => s.name);
  const parties = names("party");
  const inputs = names("input");
  const events = names("event");
  const units = names("unit");
  const cur = index.currency ?? "USD";
  const a = parties[0] ?? "payer";
  const b = parties[1] ?? "payee";
  const unit = units[0] ?? "gpu_hour";
  return [
    {
      label: "clause: revenue share",
      description: "one party pays the other a share of an input, at a scheduled rate",
      body: [
        `clause ${stop(1, "revenue_share")} "${stop(2, "Revenue share")}" {`,
        `\t${stop(3, a)} pays ${stop(4, b)} ${stop(5, inputs[0] ?? "revenue")} * ${stop(6, "share_rate")}`,
        `}`,
      ].join("\n"),
    },
    {
      label: "clause: buyback with consecutive trigger and cap",
      description: "buy unsold capacity after N weak periods in a row, up to a cap",
      body: [
        `clause ${stop(1, "capacity_buyback")} "${stop(2, "Capacity buyback")}" {`,
        `\tlet unsold = max(${stop(3, "capacity_hours")} - ${stop(4, "sold_hours")}, 0 ${unit})`,
        `\twhen ${stop(5, "sold_hours / capacity_hours")} < ${stop(6, "70%")} for ${stop(7, "3")} consecutive periods {`,
        `\t\t${stop(8, b)} pays ${stop(9, a)} unsold * ${stop(10, `1.85 ${cur} per ${unit}`)}`,
        `\t}`,
        `\tcap ${stop(11, `25 million ${cur}`)} over term`,
        `}`,
      ].join("\n"),
    },
    {
      label: "clause: guarantee on event",
      description: "a guarantor pays when an event occurs, up to a cap over the term",
      body: [
        `clause ${stop(1, "guarantee")} "${stop(2, "Guarantee")}" {`,
        `\ton ${stop(3, events[0] ?? "default_event")} {`,
        `\t\t${stop(4, b)} pays ${stop(5, a)} ${stop(6, "missed_amount")}`,
        `\t}`,
        `\tcap ${stop(7, `250 million ${cur}`)} over term`,
        `}`,
      ].join("\n"),
    },
    {
      label: "clause: warrants at signing",
      description: "a grant of warrants (or shares) at a strike price, in the first period",
      body: [
        `clause ${stop(1, "warrants")} "${stop(2, "Warrants")}" {`,
        `\tat signing {`,
        `\t\t${stop(3, a)} grants ${stop(4, b)} ${stop(5, "1_000_000")} ${stop(6, "warrants")} at ${stop(7, `12.50 ${cur}`)}`,
        `\t}`,
        `}`,
      ].join("\n"),
    },
  ];
}

/**
 * A snippet as the plain text it inserts with every tab stop at its default,
 * for an editor without snippets (`${1:a}` → `a`, `$0` → nothing, `\t` →
 * the formatter's two spaces).
 */
export function snippetText(snippet: string): string {
  let out = "";
  let i = 0;
  let open = 0; // tab stops `${n:` whose `}` is still to come
  while (i < snippet.length) {
    const c = snippet[i]!;
    if (c === "\\" && i + 1 < snippet.length && "$}\\".includes(snippet[i + 1]!)) {
      out += snippet[i + 1];
      i += 2;
    } else if (c === "$") {
      const stop = /^\$(?:\d+|\{\d+\}|\{\d+:)/.exec(snippet.slice(i))?.[0];
      if (stop === undefined) {
        out += c;
        i += 1;
      } else {
        if (stop.endsWith(":")) open += 1; // a default's text follows; its `}` is dropped below
        i += stop.length;
      }
    } else if (c === "}" && open > 0) {
      open -= 1;
      i += 1;
    } else {
      out += c === "\t" ? "  " : c;
      i += 1;
    }
  }
  return out;
}
