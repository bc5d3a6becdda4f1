import { describe, expect, it } from "vitest";
import { scrub } from "../../../src/service/http/log.ts";

describe("scrubbing secrets out of log text", () => {
  it("keeps a key's public id and cuts its secret", () => {
    expect(scrub(`key tnr_0123456789ab_${"x".repeat(43)} used`)).toBe("key tnr_0123456789ab_[redacted] used");
  });

  it("cuts anything that begins like a key, and JWTs", () => {
    expect(scrub("tnr_mistyped-key and tnr_")).toBe("tnr_[redacted] and tnr_[redacted]");
    expect(scrub("t=eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.&x=1")).toBe("t=[redacted]&x=1");
  });

  it("leaves other text alone", () => {
    expect(scrub("GET /deals/52487d02-5de3-4b2b-a1fa-b548e2c39842/ledger?format=csv")).toBe("GET /deals/52487d02-5de3-4b2b-a1fa-b548e2c39842/ledger?format=csv");
  });
});
