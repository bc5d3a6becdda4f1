import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import type { UserConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The browser playground (playground/): `npm start` serves it with hot
 * reload, `npm run build` writes a static site to dist/playground/ with
 * relative asset paths, so any static server can host it at any path.
 * Vitest runs in mode "test" and keeps the project root as its root.
 */
const playground: UserConfig = {
  root: here("./playground"),
  base: "./",
  // Term sheets and inputs are imported from examples/, one level up.
  server: { fs: { allow: [here(".")] } },
  resolve: {
    alias: [
      // csv-parse's package entry expects Node's Buffer; its browser build bundles one.
      { find: /^csv-parse\/sync$/, replacement: here("./node_modules/csv-parse/dist/esm/sync.js") },
    ],
  },
  worker: { format: "es" },
  // Chevrotain skips its grammar validations in the built playground; tests validate (grammar/validations.ts).
  define: { TENOR_BUNDLED: "true" },
  build: {
    outDir: here("./dist/playground"),
    emptyOutDir: true,
    target: "es2022",
    // Monaco's editor core is one large chunk by nature; that is expected here.
    chunkSizeWarningLimit: 4096,
    // Rolldown's report of slow plugins is noise here (the build takes seconds).
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
};

export default defineConfig(({ mode }) => ({
  ...(mode === "test" ? {} : playground),
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // Tenor's modules hold no mutable global state, so test files can share
    // one module graph: loading chevrotain once per worker instead of once
    // per file makes the suite about five times faster.
    isolate: false,
  },
}));
