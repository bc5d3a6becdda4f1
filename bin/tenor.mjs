#!/usr/bin/env node
// The `tenor` command. Sources are TypeScript run through tsx's loader, so
// `npx tenor …` works right after `npm install` with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // Every expected failure is a diagnostic; reaching here is a bug in Tenor itself.
  process.stderr.write(`tenor: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 70;
}
