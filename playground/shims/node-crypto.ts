/**
 * The browser has no `node:crypto`. Only compiling or loading artifacts
 * hashes (src/runtime/sha256.ts), and the playground does neither; it is
 * reachable only because src/api.ts also exports compileSource. Should the
 * playground ever call it, this says why it cannot work here.
 */
export function createHash(): never {
  throw new Error("node:crypto is not available in the browser: artifacts are compiled with the tenor command");
}
