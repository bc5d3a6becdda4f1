import { describe, expect, it } from "vitest";
import { newKey, parseKey, secretMatches, VerifiedKeys } from "../../../src/service/auth/keys.ts";

describe("API keys", () => {
  it("are tnr_<id>_<secret>, stored only as a salted scrypt hash that the secret alone matches", async () => {
    const a = await newKey();
    const b = await newKey();
    expect(a.text).toMatch(/^tnr_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(a.hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a.hash).not.toContain(parseKey(a.text)!.secret);
    const secret = parseKey(a.text)!.secret;
    expect(await secretMatches(secret, a.hash)).toBe(true);
    expect(await secretMatches(parseKey(b.text)!.secret, a.hash)).toBe(false);
    expect(await secretMatches(`${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`, a.hash)).toBe(false);
  });

  it("refuse any other shape", () => {
    for (const text of ["", "tnr_", "tnr_0123456789ab_short", "TNR_0123456789ab_" + "A".repeat(43), "tnr_0123456789ab_" + "A".repeat(43) + "'--"]) {
      expect(parseKey(text)).toBeNull();
    }
    expect(parseKey("tnr_0123456789ab_" + "A".repeat(43))).toEqual({ id: "0123456789ab", secret: "A".repeat(43) });
  });

  it("are remembered once verified, for a while only", () => {
    let now = 0;
    const cache = new VerifiedKeys<string>(1000, () => now);
    cache.set("tnr_a", "principal");
    expect(cache.get("tnr_a")).toBe("principal");
    now = 1001;
    expect(cache.get("tnr_a")).toBeUndefined();
  });
});
