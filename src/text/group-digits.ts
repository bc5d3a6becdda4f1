/**
 * Display of decimal strings: digit groups with a comma, the text otherwise
 * exactly as the ledger has it (no locale functions, no conversion to a JS
 * number). The playground, the language server's ledger totals and the
 * CLI's byte counts (src/limits.ts) show numbers this way.
 */

/** `-1234567.89` → `-1,234,567.89`. Anything that is not a plain decimal is returned as is. */
export function groupDigits(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (m === null) return text;
  const [, sign, whole, frac] = m;
  return `${sign}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ?? ""}`;
}
