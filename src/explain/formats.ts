/** The renderings of `tenor explain --format`; a module of its own so the CLI's option table loads no explainer. */
export const EXPLAIN_FORMATS = ["text", "markdown", "html"] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];
