/**
 * Hover, go to definition, find references, rename and document symbols of
 * `tenor lsp`, on the Sharon AI example (its stdlib templates imported).
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DefinitionRequest, DocumentSymbolRequest, HoverRequest, PrepareRenameRequest, ReferencesRequest, RenameRequest,
  type DocumentSymbol, type Location, type MarkupContent, type Position,
} from "vscode-languageserver-protocol/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { checkSource } from "../../src/api.ts";
import { STDLIB } from "../stdlib-options.ts";
import { startClient, type TestClient } from "./client.ts";
import { folderWith, positionOf, SHARON, uriOf } from "./fixtures.ts";

let client: TestClient;
const dir = folderWith({});
const uri = uriOf(dir, "sharon.tenor");
const doc = { textDocument: { uri } };
beforeAll(async () => {
  client = await startClient();
  expect((await client.open(uri, SHARON)).diagnostics).toEqual([]);
});
afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

const range = (start: Position, length: number) => ({ start, end: { line: start.line, character: start.character + length } });

describe("hover", () => {
  it("shows a schedule's declaration and rates as Markdown", async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { ...doc, position: positionOf(SHARON, "rate = share_rate", "rate = sh".length) });
    expect(hover!.range).toEqual(range(positionOf(SHARON, "rate = share_rate", "rate = ".length), "share_rate".length));
    const { kind, value } = hover!.contents as MarkupContent;
    expect(kind).toBe("markdown");
    expect(value.startsWith("```tenor\nschedule share_rate by contract_year, tapering\n```")).toBe(true);
    expect(value).toContain("year 1: 15%");
    expect(value).toContain("year 4 onward: 7\\.5%");
  });

  it("shows a const's exact value", async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { ...doc, position: positionOf(SHARON, "const warrant_strike", "const w".length) });
    expect((hover!.contents as MarkupContent).value).toContain("```tenor\nconst warrant_strike = 14.37 USD\n```");
  });

  it("has nothing to say where there is no name", async () => {
    expect(await client.connection.sendRequest(HoverRequest.type, { ...doc, position: { line: 0, character: 3 } })).toBeNull();
  });
});

describe("go to definition and find references", () => {
  it("goes from a use of a const to its declaration", async () => {
    const def = (await client.connection.sendRequest(DefinitionRequest.type, { ...doc, position: positionOf(SHARON, "cap_amount = guaranteed", "cap_amount = g".length) })) as Location;
    expect(def).toEqual({ uri, range: range(positionOf(SHARON, "const guaranteed", "const ".length), "guaranteed".length) });
  });

  it("finds every use of a const, with its declaration when asked", async () => {
    const position = positionOf(SHARON, "const guaranteed", "const g".length);
    const uses = [0, 1, 2].map((nth) => range(positionOf(SHARON, "= guaranteed\n", 2, nth), "guaranteed".length));
    const declaration = range(positionOf(SHARON, "const guaranteed", "const ".length), "guaranteed".length);
    const withDecl = await client.connection.sendRequest(ReferencesRequest.type, { ...doc, position, context: { includeDeclaration: true } });
    expect(withDecl).toEqual([declaration, ...uses].map((r) => ({ uri, range: r })));
    const without = await client.connection.sendRequest(ReferencesRequest.type, { ...doc, position, context: { includeDeclaration: false } });
    expect(without).toEqual(uses.map((r) => ({ uri, range: r })));
  });
});

describe("rename", () => {
  it("renames a declared name at its declaration and every use, and the renamed sheet checks", async () => {
    const position = positionOf(SHARON, "threshold = utilization_floor", "threshold = u".length);
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { ...doc, position });
    expect(prepared).toEqual({ range: range(positionOf(SHARON, "threshold = utilization_floor", "threshold = ".length), "utilization_floor".length), placeholder: "utilization_floor" });
    const edit = await client.connection.sendRequest(RenameRequest.type, { ...doc, position, newName: "buyback_trigger" });
    const edits = edit!.changes![uri]!;
    expect(edits).toHaveLength(2);
    const renamed = TextDocument.applyEdits(TextDocument.create(uri, "tenor", 1, SHARON), edits);
    expect(renamed).toBe(SHARON.replaceAll("utilization_floor", "buyback_trigger"));
    expect(checkSource(renamed, STDLIB).diagnostics).toEqual([]);
  });

  it("renames a party in its statements and in the tests' expectations", async () => {
    const position = positionOf(SHARON, "landlord:", 1);
    const edit = await client.connection.sendRequest(RenameRequest.type, { ...doc, position, newName: "lessor" });
    const renamed = TextDocument.applyEdits(TextDocument.create(uri, "tenor", 1, SHARON), edit!.changes![uri]!);
    // Only the name: "Campus lessor" and the comments keep their words.
    expect(renamed).toBe(SHARON.replace("landlord:", "lessor:").replace("beneficiary = landlord", "beneficiary = lessor").replace("nvidia pays landlord", "nvidia pays lessor"));
    expect(checkSource(renamed, STDLIB).diagnostics).toEqual([]);
  });

  it("refuses a new name that is taken, saying what the checker says", async () => {
    const position = positionOf(SHARON, "const cure_period", "const c".length);
    await expect(client.connection.sendRequest(RenameRequest.type, { ...doc, position, newName: "guaranteed" }))
      .rejects.toThrow(/^renaming cure_period to guaranteed would not check: .*guaranteed.* \[TN2\d{3}\]$/);
  });

  it("refuses a keyword, a non-name, and a built-in function", async () => {
    const position = positionOf(SHARON, "const cure_period", "const c".length);
    await expect(client.connection.sendRequest(RenameRequest.type, { ...doc, position, newName: "term" })).rejects.toThrow('"term" is a keyword');
    await expect(client.connection.sendRequest(RenameRequest.type, { ...doc, position, newName: "2nd" }))
      .rejects.toThrow('"2nd" is not a name: letters, digits and _, not starting with a digit');
    await expect(client.connection.sendRequest(PrepareRenameRequest.type, { ...doc, position: positionOf(SHARON, "min(gpus_live", 1) }))
      .rejects.toThrow(/^min is built in \(.+\): only names declared in this term sheet can be renamed$/);
  });
});

describe("document symbols", () => {
  it("lists the parties, inputs, event with its arguments, consts, schedule and clauses in order, each at its name", async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, doc)) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual([
      "nvidia", "sharon", "landlord", "USD", "gpu", "gpu_hour", "gpus_live", "sold_hours", "revenue", "lease_default",
      "fleet_size", "hours_per_gpu_day", "buyback_price", "utilization_floor", "guaranteed", "guarantee_fee_rate", "cure_period",
      "warrant_coverage", "warrant_strike", "share_rate", "revenue_share", "capacity_buyback", "lease_guarantee", "guarantee_fee", "warrants",
    ]);
    const byName = new Map(symbols.map((s) => [s.name, s]));
    // Field, Event, Array, Module, Constant: the protocol's SymbolKind numbers.
    expect([..."gpus_live lease_default share_rate revenue_share fleet_size".split(" ")].map((n) => byName.get(n)!.kind)).toEqual([8, 24, 18, 2, 14]);
    expect(byName.get("lease_default")!.children!.map((c) => [c.name, c.detail])).toEqual([["missed_rent", "missed_rent: USD"], ["days_uncured", "days_uncured: number"]]);
    expect(byName.get("share_rate")!.selectionRange).toEqual(range(positionOf(SHARON, "schedule share_rate", "schedule ".length), "share_rate".length));
    expect(byName.get("share_rate")!.range.start).toEqual(positionOf(SHARON, "schedule share_rate"));
    expect(byName.get("revenue_share")!.detail).toBe('use revenue_share as revenue_share "Revenue share"');
  });
});
