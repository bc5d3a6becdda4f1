/**
 * Imports served from files held in memory, keyed `stdlib/NAME.tenor`: the
 * playground bundles the stdlib this way, and tests use it for small
 * module graphs. Relative imports resolve between the held files only.
 */
import { isRelative, withExtension, type ModuleFile, type ModuleHost } from "./host.ts";

export function bundledHost(files: Readonly<Record<string, string>>): ModuleHost {
  return {
    load(spec, from) {
      let path: string;
      if (isRelative(spec)) {
        if (from === null) return { error: `relative imports need the term sheet's folder, which is not available here; import from "stdlib/…" instead` };
        path = joinPosix(from.path, withExtension(spec));
      } else {
        path = withExtension(spec);
      }
      const text = files[path];
      if (text === undefined) {
        const known = Object.keys(files).sort().join(", ");
        return { error: `there is no file ${path}${known === "" ? "" : ` (available: ${known})`}` };
      }
      return { id: path, path, text } satisfies ModuleFile;
    },
  };
}

/** `stdlib/a/b.tenor` + `../c.tenor` → `stdlib/c.tenor`. */
function joinPosix(fromPath: string, relative: string): string {
  const parts = fromPath.split("/").slice(0, -1);
  for (const part of relative.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}
