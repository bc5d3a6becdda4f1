/**
 * The service's storage: real Postgres, embedded (PGlite, ./pglite.ts) or a
 * server (`pg`, ./postgres.ts), behind one small interface so that every
 * query, migration and job runs the same SQL on both. Parameters are always
 * bound ($1, $2 …), never spliced into the text.
 */
export interface Queryable {
  /**
   * True when no other transaction can run while this one does (PGlite: one
   * connection, a transaction holds it): then a lock taken for other writers
   * can be skipped, and a read may share the statement that locks.
   */
  readonly serialized?: boolean;
  /** Runs one statement with bound parameters; gives its rows. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** Runs `fn` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** The job queue's way in (pg-boss's `db` option): a statement with parameters, or a script without. */
  executeSql(text: string, values?: readonly unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}
