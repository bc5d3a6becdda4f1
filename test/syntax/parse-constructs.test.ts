import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/parse.ts";
import { bodyOf, exprOf, onlyDecl, parseClean, show } from "./helpers.ts";

describe("top-level declarations", () => {
  it("a deal title is unescaped and keeps the quotes' range", () => {
    const source = 'deal "Sharon \\"AI\\" \\\\ DSX"';
    const decl = onlyDecl(source);
    expect(decl).toMatchObject({ kind: "Deal", title: { kind: "StringLit", value: 'Sharon "AI" \\ DSX' } });
    expect(decl.kind === "Deal" && decl.title.range).toEqual({ start: 5, end: source.length });
    expect(decl.range).toEqual({ start: 0, end: source.length });
  });

  it("parties list names with legal names and exact ranges", () => {
    const source = 'parties {\n  nvidia: "NVIDIA Corporation"\n  sharon: "Sharon AI"\n}';
    const decl = onlyDecl(source);
    if (decl.kind !== "Parties") throw new Error(decl.kind);
    expect(decl.parties.map((p) => [p.name.text, p.legalName.value])).toEqual([
      ["nvidia", "NVIDIA Corporation"],
      ["sharon", "Sharon AI"],
    ]);
    const first = decl.parties[0]!;
    expect(first.name.range).toEqual({ start: 12, end: 18 });
    expect(source.slice(first.range.start, first.range.end)).toBe('nvidia: "NVIDIA Corporation"');
    expect(decl.range).toEqual({ start: 0, end: source.length });
  });

  it("a term has two dates and a frequency", () => {
    expect(onlyDecl("term 2026-07-01 to 2031-06-30, quarterly")).toMatchObject({
      kind: "Term",
      start: { kind: "DateLit", text: "2026-07-01", range: { start: 5, end: 15 } },
      end: { text: "2031-06-30", range: { start: 19, end: 29 } },
      frequency: "quarterly",
    });
  });

  it("a currency takes an optional rounding mode", () => {
    expect(onlyDecl("currency USD")).toMatchObject({ kind: "Currency", code: { text: "USD" }, rounding: null });
    for (const mode of ["half_even", "half_up", "down", "up"]) {
      expect(onlyDecl(`currency EUR, rounding ${mode}`)).toMatchObject({ code: { text: "EUR" }, rounding: mode });
    }
  });

  it("settle net, units and inputs", () => {
    const program = parseClean("settle net\nunits gpu, gpu_hour\ninput price: USD per gpu_hour\ninput ratio: number");
    expect(program.decls.map((d) => d.kind)).toEqual(["Settle", "Units", "Input", "Input"]);
    const [settle, units, price, ratio] = program.decls;
    expect(settle).toMatchObject({ mode: "net" });
    expect(units?.kind === "Units" && units.names.map((n) => n.text)).toEqual(["gpu", "gpu_hour"]);
    expect(price).toMatchObject({
      name: { text: "price" },
      unit: { kind: "UnitExpr", numerator: [{ text: "USD" }], denominator: [{ text: "gpu_hour" }] },
    });
    expect(ratio).toMatchObject({ unit: { numerator: [{ text: "number" }], denominator: [] } });
  });

  it("events declare typed parameters, and may have none", () => {
    const program = parseClean("event lease_default(missed_rent: USD, days_late: number)\nevent notice()");
    expect(program.decls).toMatchObject([
      {
        kind: "Event",
        name: { text: "lease_default" },
        params: [
          { kind: "EventParam", name: { text: "missed_rent" }, unit: { numerator: [{ text: "USD" }] } },
          { name: { text: "days_late" } },
        ],
      },
      { kind: "Event", name: { text: "notice" }, params: [] },
    ]);
  });

  it("a schedule by contract year with single, range and onward keys", () => {
    const decl = onlyDecl("schedule rate by contract_year, tapering {\n  year 1: 15%\n  year 2 to 3: 12.5%\n  year 4 onward: 7.5%\n}");
    if (decl.kind !== "Schedule") throw new Error(decl.kind);
    expect(decl).toMatchObject({ name: { text: "rate" }, basis: "contract_year", tapering: true });
    expect(decl.entries.map((e) => [e.key.kind, e.key.from.kind === "NumberLit" ? e.key.from.digits : "", e.key.to?.kind === "NumberLit" ? e.key.to.digits : null, e.key.onward, show(e.value)])).toEqual([
      ["IndexKey", "1", null, false, "15%"],
      ["IndexKey", "2", "3", false, "12.5%"],
      ["IndexKey", "4", null, true, "7.5%"],
    ]);
  });

  it("a schedule by period uses period keys and a schedule by date uses date keys", () => {
    const byPeriod = onlyDecl("schedule fee by period { period 1 to 12: 5 USD\n period 13 onward: 4 USD }");
    expect(byPeriod).toMatchObject({ basis: "period", tapering: false, entries: [{ key: { kind: "IndexKey" } }, { key: { onward: true } }] });
    const byDate = onlyDecl("schedule fx by date {\n 2026-07-01 to 2026-12-31: 1.1\n 2027-01-01 onward: 1.2\n}");
    if (byDate.kind !== "Schedule") throw new Error(byDate.kind);
    expect(byDate.entries.map((e) => e.key)).toMatchObject([
      { kind: "DateKey", from: { text: "2026-07-01" }, to: { text: "2026-12-31" }, onward: false },
      { kind: "DateKey", from: { text: "2027-01-01" }, to: null, onward: true },
    ]);
  });

  it("a year key in a schedule by period is reported", () => {
    const result = parseSource("schedule fee by period { year 1: 5 USD }");
    expect(result.diagnostics.map((d) => [d.code, d.range])).toEqual([["TN1006", { start: 25, end: 29 }]]);
  });

  it("a clause has a name, an optional title and a body", () => {
    expect(onlyDecl('clause fee "Guarantee fee" { }')).toMatchObject({ kind: "Clause", name: { text: "fee" }, title: { value: "Guarantee fee" }, body: [] });
    expect(onlyDecl("clause fee { }")).toMatchObject({ kind: "Clause", title: null });
  });

  it("a test block holds periods, events and expectations", () => {
    const decl = onlyDecl(`test "year two" {
  period 2027-07-01 { revenue = 10 million USD, sold_hours = 90 gpu_hour capacity_hours = 100 gpu_hour }
  event 2027-08-15 lease_default(missed_rent = 1.5 million USD)
  expect sharon pays nvidia 1.25 million USD under revenue_share in 2027-07-01
  expect nvidia pays landlord 0 USD
}`);
    if (decl.kind !== "Test") throw new Error(decl.kind);
    expect(decl.title.value).toBe("year two");
    expect(decl.periods).toHaveLength(1);
    expect(decl.periods[0]!.values.map((v) => [v.name.text, show(v.value)])).toEqual([
      ["revenue", "10 million USD"],
      ["sold_hours", "90 gpu_hour"],
      ["capacity_hours", "100 gpu_hour"],
    ]);
    expect(decl.events).toMatchObject([
      { kind: "TestEvent", date: { text: "2027-08-15" }, event: { text: "lease_default" }, args: [{ name: { text: "missed_rent" } }] },
    ]);
    expect(decl.expects).toMatchObject([
      { kind: "TestExpect", payer: { text: "sharon" }, payee: { text: "nvidia" }, clause: { text: "revenue_share" }, period: { text: "2027-07-01" } },
      { payer: { text: "nvidia" }, payee: { text: "landlord" }, clause: null, period: null },
    ]);
  });

  it("declarations come back in source order with no diagnostics, whatever the order", () => {
    const program = parseClean('clause a { }\nconst k = 1\ndeal "D"\ncurrency USD');
    expect(program.decls.map((d) => d.kind)).toEqual(["Clause", "Const", "Deal", "Currency"]);
    expect(program.decls.every((d) => d.recovered === undefined)).toBe(true);
  });
});

describe("clause statements", () => {
  it("let, pays and grants", () => {
    const body = bodyOf("let unsold = capacity - sold\nsharon pays nvidia revenue * 10%\nsharon grants nvidia 1_000_000 warrants at 12.50 USD");
    expect(body.map((s) => s.kind)).toEqual(["Let", "Pays", "Grants"]);
    expect(body[0]).toMatchObject({ name: { text: "unsold" } });
    expect(body[1]).toMatchObject({ payer: { text: "sharon" }, payee: { text: "nvidia" } });
    const grants = body[2]!;
    if (grants.kind !== "Grants") throw new Error(grants.kind);
    expect(show(grants.quantity)).toBe("1000000");
    expect(grants.instrument.text).toBe("warrants");
    expect(show(grants.price)).toBe("12.50 USD");
  });

  it("a grant's instrument is not taken for a unit, but a unit before the next statement still is", () => {
    const body = bodyOf("a grants b 5 warrants at 2 USD\na pays b 3 USD\na grants b n options at p\nat signing { }");
    expect(body.map((s) => s.kind)).toEqual(["Grants", "Pays", "Grants", "AtSigning"]);
    expect(body[1]!.kind === "Pays" && show(body[1]!.amount)).toBe("3 USD");
    expect(body[2]).toMatchObject({ instrument: { text: "options" }, price: { kind: "NameRef" } });
  });

  it("a number before the next payer is not given that payer as its unit", () => {
    const body = bodyOf("a pays b 1_000\nb pays a 2\nlet x = 3\nb grants a 1 w at 1");
    expect(body.map((s) => s.kind)).toEqual(["Pays", "Pays", "Let", "Grants"]);
    expect(body[0]!.kind === "Pays" && body[0]!.amount).toMatchObject({ kind: "NumberLit", digits: "1000", unit: null });
  });

  it("when with and without consecutive periods, on, at signing, blocks nest", () => {
    const body = bodyOf("when u < 70% for 3 consecutive periods {\n  when x { on lease_default { a pays b missed_rent } }\n}\nat signing { a pays b 1 USD }");
    expect(body).toMatchObject([
      {
        kind: "When",
        consecutive: { kind: "NumberLit", digits: "3" },
        body: [{ kind: "When", consecutive: null, body: [{ kind: "On", event: { text: "lease_default" }, body: [{ kind: "Pays" }] }] }],
      },
      { kind: "AtSigning", body: [{ kind: "Pays" }] },
    ]);
  });

  it("caps over term, per contract year and per period", () => {
    const body = bodyOf("cap 25 million USD over term\ncap 5 million USD per contract_year\ncap limit per period");
    expect(body.map((s) => (s.kind === "Cap" ? [s.window, show(s.amount)] : s.kind))).toEqual([
      ["term", "25 million USD"],
      ["contract_year", "5 million USD"],
      ["period", "limit"],
    ]);
  });

  it("from and until bound the clause", () => {
    expect(bodyOf("from 2027-01-01\nuntil 2028-12-31")).toMatchObject([
      { kind: "Window", bound: "from", date: { text: "2027-01-01" } },
      { kind: "Window", bound: "until", date: { text: "2028-12-31" } },
    ]);
  });

  it("statement ranges cover exactly their text", () => {
    const source = "clause c {\n  sharon pays nvidia revenue * 10%\n}";
    const decl = onlyDecl(source);
    if (decl.kind !== "Clause") throw new Error(decl.kind);
    const stmt = decl.body[0]!;
    expect(source.slice(stmt.range.start, stmt.range.end)).toBe("sharon pays nvidia revenue * 10%");
  });
});

describe("expressions", () => {
  it("number literals keep exact digits without underscores, scale, percent and unit", () => {
    expect(exprOf("1_000_000")).toMatchObject({ kind: "NumberLit", digits: "1000000", scale: null, percent: false, unit: null });
    expect(exprOf("6.3 billion USD")).toMatchObject({ digits: "6.3", scale: "billion", unit: { numerator: [{ text: "USD" }] } });
    expect(exprOf("12.5%")).toMatchObject({ digits: "12.5", percent: true, unit: null });
    expect(exprOf("1.85 USD per gpu_hour")).toMatchObject({ unit: { numerator: [{ text: "USD" }], denominator: [{ text: "gpu_hour" }] } });
    expect(exprOf("30 days")).toMatchObject({ digits: "30", unit: { numerator: [{ text: "days" }] } });
    expect(exprOf("250 million")).toMatchObject({ digits: "250", scale: "million", unit: null });
  });

  it("a number literal's range covers its scale and unit", () => {
    const e = exprOf("6.3 billion USD per gpu");
    expect(e.range).toEqual({ start: 10, end: 33 });
  });

  it("precedence: or < and < not < comparison < + - < * / < unary minus", () => {
    expect(show(exprOf("a or b and c"))).toBe("(a or (b and c))");
    expect(show(exprOf("not a < b and c"))).toBe("((not (a < b)) and c)");
    expect(show(exprOf("a + b * c - d / e"))).toBe("((a + (b * c)) - (d / e))");
    expect(show(exprOf("-a * b"))).toBe("((- a) * b)");
    expect(show(exprOf("a - -b"))).toBe("(a - (- b))");
    expect(show(exprOf("a + b < c * d"))).toBe("((a + b) < (c * d))");
    expect(show(exprOf("not not a"))).toBe("(not (not a))");
    expect(show(exprOf("a - b - c"))).toBe("((a - b) - c)");
  });

  it("every comparison operator", () => {
    for (const op of ["<", "<=", ">", ">=", "==", "!="]) {
      expect(exprOf(`a ${op} b`)).toMatchObject({ kind: "Binary", op });
    }
  });

  it("if extends as far right as possible", () => {
    expect(show(exprOf("if a > 1 then b else c + d"))).toBe("(if (a > 1) then b else (c + d))");
    expect(show(exprOf("1 + if a then b else c * 2"))).toBe("(1 + (if a then b else (c * 2)))");
  });

  it("parentheses group and widen the node's range", () => {
    const e = exprOf("(a + b) * c");
    expect(show(e)).toBe("((a + b) * c)");
    expect(e.kind === "Binary" && e.left.range).toEqual({ start: 10, end: 17 });
  });

  it("calls, names, dates and contract_year", () => {
    expect(show(exprOf("max(capacity - sold, 0 gpu_hour)"))).toBe("max((capacity - sold), 0 gpu_hour)");
    expect(exprOf("round(x, 0.01)")).toMatchObject({ kind: "Call", callee: { text: "round" }, args: [{ kind: "NameRef" }, { kind: "NumberLit", digits: "0.01" }] });
    expect(exprOf("period_start")).toMatchObject({ kind: "NameRef", name: { text: "period_start" } });
    expect(exprOf("contract_year")).toMatchObject({ kind: "NameRef", name: { text: "contract_year" } });
    expect(exprOf("2026-07-01 + 30 days")).toMatchObject({ kind: "Binary", left: { kind: "DateExpr", date: { text: "2026-07-01" } } });
  });

  it("binary ranges span both operands", () => {
    const e = exprOf("revenue * share_rate");
    expect(e.range).toEqual({ start: 10, end: 30 });
  });

  it("comments are skipped", () => {
    expect(show(exprOf("a // the rest is a comment\n + b"))).toBe("(a + b)");
  });
});
