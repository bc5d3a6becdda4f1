/**
 * A messy layout for generated sources: the same tokens, with random
 * spaces, tabs, line breaks, blank lines and `//` comments between any two
 * of them. Newlines are whitespace in Tenor, so the program is unchanged;
 * the formatter must still put every comment somewhere sensible.
 */
import { scanTrivia } from "../../grammar/trivia.ts";
import type { Random } from "./random.ts";

/** `source` re-laid out at random (its own comments are dropped; new ones are added). */
export function messUp(source: string, r: Random, commentTexts: readonly string[]): string {
  const comment = (): string => `// ${r.pick(commentTexts)}`.trimEnd();
  const separator = (): string =>
    r.weighted<() => string>([
      [60, () => " "],
      [12, () => "\n"],
      [5, () => "   "],
      [3, () => "\t"],
      [4, () => "\n\n"],
      [5, () => ` ${comment()}\n`],
      [4, () => `\n${comment()}\n  `],
      [2, () => `\n\n${comment()}\n\n${comment()}\n`],
    ])();
  const tokens = scanTrivia(source).tokens;
  let out = r.chance(0.3) ? `${comment()}\n` : "";
  tokens.forEach((t, i) => {
    if (i > 0) out += separator();
    out += t.image;
  });
  if (r.chance(0.3)) out += ` ${comment()}`;
  return r.chance(0.8) ? `${out}\n` : out;
}
