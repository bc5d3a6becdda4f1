/**
 * Source options for tests that check, run or compile term sheets that
 * import from the stdlib (the examples do): imports resolve as the CLI
 * resolves them for a file in examples/.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SourceOptions } from "../src/api.ts";
import { nodeHost } from "../src/modules/node-host.ts";

const EXAMPLES = fileURLToPath(new URL("../examples/", import.meta.url));

/** Imports as for a term sheet at `path` (default: one in examples/). */
export function fileOptions(path = `${EXAMPLES}sheet.tenor`): SourceOptions {
  return { modules: nodeHost(path, (p) => readFileSync(p, "utf8")) };
}

export const STDLIB: SourceOptions = fileOptions();
