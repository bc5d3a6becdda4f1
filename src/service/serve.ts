/**
 * `tenor serve`: the settlement service over HTTP (./http/app.ts), with the
 * job queue's workers in the same process; `--worker`: only the workers, for
 * more machines on one Postgres server; `--no-jobs`: only HTTP.
 * SIGTERM and SIGINT stop it gracefully: no new requests, running ones
 * and jobs finish, then the database closes.
 */
import { authenticator } from "./auth/authenticate.ts";
import { jwtVerifier, type JwtConfig } from "./auth/jwt.ts";
import { buildApp, DEFAULT_BODY_LIMIT } from "./http/app.ts";
import { PLAIN, type Transport } from "./http/transport.ts";
import { startJobs } from "./jobs.ts";
import { describe, openDatabase, type WhereOptions } from "./open-database.ts";

export interface ServeOptions extends WhereOptions {
  readonly host: string;
  readonly port: number;
  /** Only work the job queue (no HTTP). */
  readonly workerOnly: boolean;
  /** Concurrent job workers in this process (0: none). */
  readonly workers: number;
  readonly bodyLimit?: number;
  /** Periods settled in one transaction. */
  readonly settleBatch: number;
  readonly log: boolean;
  /** Bearer JWTs of an identity provider, besides API keys. */
  readonly jwt?: JwtConfig;
  /** HTTPS, timeouts, rate limits. */
  readonly transport?: Transport;
}

export interface Running {
  /** Where it listens (null for a worker only). */
  readonly url: string | null;
  /** Resolves when it has stopped. */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

export async function serve(options: ServeOptions, say: (line: string) => void): Promise<Running> {
  const db = await openDatabase(options);
  const jobs = await startJobs(db, { workers: options.workers, settleBatch: options.settleBatch, onError: (e) => say(`tenor serve: job error: ${e instanceof Error ? e.message : String(e)}`) });
  const transport = options.transport ?? PLAIN;
  const auth = authenticator(db, options.jwt === undefined ? null : jwtVerifier(options.jwt));
  const app = options.workerOnly ? null : await buildApp({ db, jobs, auth, bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, settleBatch: options.settleBatch, log: options.log, transport });
  let url: string | null = null;
  if (app !== null) {
    try {
      await app.listen({ host: options.host, port: options.port });
    } catch (e) {
      // A port in use (EADDRINUSE): close what was opened, or the process would stay up doing nothing.
      await app.close();
      await jobs.stop();
      await db.close();
      throw e;
    }
    const address = app.server.address();
    const port = typeof address === "object" && address !== null ? address.port : options.port;
    url = `${transport.tls === null ? "http" : "https"}://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`;
    say(`tenor serve: listening on ${url} (${describe(options)}; ${options.workers} job worker${options.workers === 1 ? "" : "s"})`);
  } else {
    say(`tenor serve: working settle jobs (${describe(options)}; ${options.workers} worker${options.workers === 1 ? "" : "s"})`);
  }
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= (async () => {
    await app?.close();
    await jobs.stop();
    await db.close();
    resolveStopped();
  })());
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stop());
  return { url, stopped, stop };
}
