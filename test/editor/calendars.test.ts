/** The editor on calendars and `paid`: completion, hover and go to definition. */
import { describe, expect, it } from "vitest";
import { definitionAt, hoverAt } from "../../src/editor/lookup.ts";
import { indexOf, labelsIn } from "./completion-helpers.ts";

const SOURCE = `deal "D"
parties {
  op: "Operator"
  vendor: "Vendor"
}
term 2026-07-15 to 2027-06-30, monthly, backward
calendar new_york: nyse { 2026-11-27 }
paid 15 business days after period_end, modified_following new_york
currency USD
`;
const index = indexOf(SOURCE);
const labels = labelsIn(SOURCE, index);

describe("completion for calendars and paid", () => {
  it("offers the calendars after a convention and after a calendar's colon", () => {
    expect(labels("modified_following ")).toEqual(["nyse", "us_federal", "target", "uk", "new_york"]);
    expect(labels("calendar new_york: ")).toEqual(["nyse", "us_federal", "target", "uk", "new_york"]);
  });

  it("offers the period dates after `after`, the conventions after the comma, the term options after the frequency", () => {
    expect(labels("days after ")).toEqual(["period_start", "period_end"]);
    expect(labels("period_end,", " ")).toEqual(["following", "modified_following", "preceding"]);
    expect(labels("monthly,", " ")).toEqual(["monthly", "quarterly", "annually", "backward", "end_of_month"]);
    expect(labels("paid 15 ")).toEqual(["business", "days"]);
  });
});

describe("hover and definitions of calendars", () => {
  const at = (text: string) => SOURCE.indexOf(text) + 1;

  it("describes a built-in calendar and goes from paid to the sheet's calendar", () => {
    expect(hoverAt(index, at("nyse {"))?.signature).toBe("calendar nyse");
    const own = SOURCE.indexOf("new_york:");
    expect(definitionAt(index, at("new_york\ncurrency"))).toEqual({ start: own, end: own + "new_york".length });
    expect(hoverAt(index, at("new_york\ncurrency"))?.signature).toBe("calendar new_york: nyse");
  });
});
