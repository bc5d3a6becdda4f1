/**
 * Comments, brackets, auto-closing pairs and what a word is in Tenor: one
 * definition for the playground's Monaco editor and VS Code's extension
 * (written as its language-configuration.json by `npm run build:vscode`).
 */
export const TENOR_LANGUAGE_CONFIGURATION = {
  comments: { lineComment: "//" },
  brackets: [["{", "}"], ["(", ")"]] as [string, string][],
  autoClosingPairs: [
    { open: "{", close: "}" },
    { open: "(", close: ")" },
    { open: '"', close: '"', notIn: ["string", "comment"] },
  ],
  surroundingPairs: [
    { open: "{", close: "}" },
    { open: "(", close: ")" },
    { open: '"', close: '"' },
  ],
  wordPattern: /[A-Za-z_][A-Za-z0-9_]*|\d[\d_]*(?:\.\d[\d_]*)?/,
};

/** The configuration as VS Code's JSON file has it (the word pattern as a string). */
export function languageConfigurationJson(): string {
  return `${JSON.stringify({ ...TENOR_LANGUAGE_CONFIGURATION, wordPattern: TENOR_LANGUAGE_CONFIGURATION.wordPattern.source }, null, 2)}\n`;
}
