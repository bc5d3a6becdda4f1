/**
 * Whether Chevrotain skips validating the grammar when the lexer and the
 * parser are built. The tests and runs from source validate (a grammar
 * mistake fails there); the bundles (scripts/node-bundle.mjs, the
 * playground's vite build) define TENOR_BUNDLED and skip it: they are built
 * from the grammar the tests validated, and validation is a large part of
 * building the parser at every start-up (docs/performance.md, issue 17).
 */
declare const TENOR_BUNDLED: boolean | undefined;

export const SKIP_GRAMMAR_VALIDATIONS = typeof TENOR_BUNDLED !== "undefined" && TENOR_BUNDLED === true;
