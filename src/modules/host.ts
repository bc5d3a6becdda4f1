/**
 * Where imported files come from. The language core never touches a file
 * system: the CLI passes a host over the disk (./node-host.ts), the
 * playground one over the stdlib files bundled with it (./bundled-host.ts).
 */

/** A file an import names. */
export interface ModuleFile {
  /** Identity of the file (an absolute path on disk): the same file is loaded once. */
  readonly id: string;
  /** How messages name it: `stdlib/taper.tenor`, `deals/common.tenor`. */
  readonly path: string;
  readonly text: string;
}

export interface ModuleHost {
  /**
   * The file that `spec` (as written after `from`) names, written in the
   * file `from` (null: the term sheet being checked); or why it cannot be read.
   */
  load(spec: string, from: ModuleFile | null): ModuleFile | { readonly error: string };
}

/** `stdlib/taper` and `stdlib/taper.tenor` name the same file. */
export function withExtension(spec: string): string {
  return spec.endsWith(".tenor") ? spec : `${spec}.tenor`;
}

/** True for `./x` and `../x`: a file next to the importing one. */
export function isRelative(spec: string): boolean {
  return spec.startsWith("./") || spec.startsWith("../");
}

/** A host for places without files: every import is refused with `reason`. */
export function noModules(reason: string): ModuleHost {
  return { load: () => ({ error: reason }) };
}
