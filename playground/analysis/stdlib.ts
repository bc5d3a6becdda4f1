/**
 * The stdlib bundled into the playground as text, served to `import … from
 * "stdlib/NAME"` (src/modules/bundled-host.ts). Relative imports need files,
 * which a browser page does not have: they get a clear error instead.
 */
import { bundledHost } from "../../src/modules/bundled-host.ts";
import type { ModuleHost } from "../../src/modules/host.ts";

const files = import.meta.glob<string>("../../stdlib/*.tenor", { query: "?raw", import: "default", eager: true });

/** `stdlib/NAME.tenor` → text. */
export const STDLIB_FILES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [`stdlib/${path.replace(/^.*\//, "")}`, text]),
);

export const STDLIB_HOST: ModuleHost = bundledHost(STDLIB_FILES);
