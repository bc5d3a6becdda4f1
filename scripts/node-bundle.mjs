// The esbuild options every Node bundle of Tenor shares (CLI, portfolio
// worker, runtime): one ES module file for Node 20, quiet unless it fails.
export const NODE_BUNDLE = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "error",
  legalComments: "none",
  // Chevrotain skips its grammar validations in bundles; tests validate (grammar/validations.ts).
  define: { TENOR_BUNDLED: "true" },
};
