import { defineConfig } from "vitest/config";

// The playground issue adds the app build here; for now this file configures vitest.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // Tenor's modules hold no mutable global state, so test files can share
    // one module graph: loading chevrotain once per worker instead of once
    // per file makes the suite about five times faster.
    isolate: false,
  },
});
