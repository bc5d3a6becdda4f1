/** Exit codes of the `tenor` command (docs/language.md §14). */
export const EXIT = {
  ok: 0,
  /** Errors in the term sheet (syntax, check) or failing `test` blocks. */
  sourceErrors: 1,
  /** Errors in the inputs or at run time. */
  dataErrors: 2,
  /** Wrong usage: unknown command or option, missing argument, unreadable term sheet. */
  usage: 64,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
