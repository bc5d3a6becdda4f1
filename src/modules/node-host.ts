/**
 * Imports from disk, for the CLI: `stdlib/NAME` is a file of the stdlib
 * shipped with Tenor, `./x` and `../x` are files next to the importing one.
 * Node only: the playground uses ./bundled-host.ts.
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { isRelative, withExtension, type ModuleFile, type ModuleHost } from "./host.ts";

/**
 * @param mainFile the term sheet's path, against which its relative imports resolve
 * @param readFile reads a whole UTF-8 file; throws when it cannot (the CLI's Io)
 * @param stdlibDir the stdlib folder (found next to the running code when absent)
 */
export function nodeHost(mainFile: string, readFile: (path: string) => string, stdlibDir: string | null = findStdlib()): ModuleHost {
  return {
    load(spec, from) {
      let file: string;
      let path: string;
      if (isRelative(spec)) {
        file = resolve(dirname(from?.id ?? mainFile), withExtension(spec));
        path = displayPath(file);
      } else if (spec.startsWith("stdlib/")) {
        if (stdlibDir === null) return { error: "the stdlib folder cannot be found next to this installation of Tenor" };
        file = join(stdlibDir, withExtension(spec.slice("stdlib/".length)));
        path = withExtension(spec);
      } else {
        return { error: `"${spec}" is neither a stdlib file ("stdlib/NAME") nor a relative path ("./NAME", "../NAME")` };
      }
      try {
        return { id: file, path, text: readFile(file) } satisfies ModuleFile;
      } catch {
        return { error: `cannot read ${path}` };
      }
    },
  };
}

/** The nearest `stdlib` folder above this module (src/modules in the sources, dist/ in the bundle). */
export function findStdlib(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "stdlib");
    if (existsSync(candidate) && existsSync(join(dir, "package.json"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** A path as messages show it: relative to the working folder when inside it, with `/`. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  const shown = rel.startsWith("..") || rel === "" ? file : rel;
  return shown.split(sep).join("/");
}
