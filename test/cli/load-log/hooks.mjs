// `node --import ./hooks.mjs …`: appends the URL of every ES module the
// program imports to the file named by TENOR_LOAD_LOG, one a line
// (test/cli/startup.test.ts). The resolve hook runs on Node's hooks thread,
// which registers nothing itself.
import { appendFileSync } from "node:fs";
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(process.env.TENOR_LOAD_LOG, `${resolved.url}\n`);
  return resolved;
}
