/**
 * The project's example term sheets with their inputs, bundled as text
 * from examples/ (every `NAME.tenor` with its `NAME.inputs.json`).
 */

export interface Example {
  /** The file name without extension, e.g. `sharon-dsx`. */
  readonly id: string;
  /** The deal's title from its `deal "…"` line. */
  readonly title: string;
  readonly source: string;
  /** A JSON inputs file; `{"periods": []}` when the example has none. */
  readonly inputs: string;
}

const sources = import.meta.glob<string>("../../examples/*.tenor", { query: "?raw", import: "default", eager: true });
const inputFiles = import.meta.glob<string>("../../examples/*.inputs.json", { query: "?raw", import: "default", eager: true });

/** The example opened when the page has no shared state: the README's deal. */
export const DEFAULT_EXAMPLE = "sharon-dsx";

function idOf(path: string): string {
  return path.replace(/^.*\//, "").replace(/\.tenor$/, "");
}

export const EXAMPLES: readonly Example[] = Object.entries(sources)
  .map(([path, source]) => {
    const id = idOf(path);
    const title = /^\s*deal\s+"((?:[^"\\]|\\.)*)"/m.exec(source)?.[1] ?? id;
    return { id, title, source, inputs: inputFiles[`../../examples/${id}.inputs.json`] ?? '{ "periods": [] }\n' };
  })
  .sort((a, b) => (a.id === DEFAULT_EXAMPLE ? -1 : b.id === DEFAULT_EXAMPLE ? 1 : a.id < b.id ? -1 : 1));
