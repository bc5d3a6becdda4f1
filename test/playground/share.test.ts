import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeState, encodeState, fromBase64Url, toBase64Url } from "../../playground/state/share.ts";

describe("the share link", () => {
  it("round-trips the whole state through a compressed URL fragment", async () => {
    const source = readFileSync(new URL("../../examples/sharon-dsx.tenor", import.meta.url), "utf8");
    const inputs = readFileSync(new URL("../../examples/sharon-dsx.inputs.json", import.meta.url), "utf8");
    const fragment = await encodeState({ source, inputs: `${inputs}é ünïcode` });
    expect(fragment).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    // deflate-raw makes the largest example far shorter than its text.
    expect(fragment.length).toBeLessThan((source.length + inputs.length) / 2);
    expect(await decodeState(fragment)).toEqual({ source, inputs: `${inputs}é ünïcode` });
  });

  it("encodes base64url without padding and reads it back", () => {
    const bytes = new Uint8Array([251, 255, 0, 1, 2]);
    expect(toBase64Url(bytes)).toBe("-_8AAQI");
    expect(fromBase64Url("-_8AAQI")).toEqual(bytes);
    expect(fromBase64Url("not base64!")).toBeNull();
  });

  it("ignores a fragment that holds no state or a damaged one", async () => {
    expect(await decodeState("")).toBeNull();
    expect(await decodeState("#section")).toBeNull();
    expect(await decodeState("#s=AAAA")).toBeNull();
    const good = await encodeState({ source: "deal \"x\"", inputs: "{}" });
    expect(await decodeState(good.slice(0, good.length - 5))).toBeNull();
  });
});
