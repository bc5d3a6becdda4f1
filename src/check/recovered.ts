/**
 * The parser marks a declaration built around parse errors with
 * `recovered: true` (see src/syntax/ast.ts): parts of it may be missing, so
 * checks that need the whole declaration (coverage, unused lets, missing
 * values) stay quiet about it rather than report a second error.
 */
export function isRecovered(node: object): boolean {
  return (node as { readonly recovered?: unknown }).recovered === true;
}
