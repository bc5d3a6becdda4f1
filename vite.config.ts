import { defineConfig } from "vitest/config";

// The playground issue adds the app build here; for now this file configures vitest.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
