/**
 * A throwaway PostgreSQL cluster for tests, started from Debian's binaries
 * (/usr/lib/postgresql/VERSION/bin; `.ci/run` installs them). Each call makes
 * its own data directory in os.tmpdir(), trusts local connections as the
 * superuser `tenor`, and removes everything again on stop().
 */
import { execFile, execFileSync } from "node:child_process";
import { accessSync, constants, readFileSync, readdirSync, rmSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface PostgresServer {
  /** postgres://tenor@127.0.0.1:PORT/tenor — an empty database `tenor`. */
  url: string;
  /** Creates database `name` and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (immediate mode) and deletes its directory; idempotent. */
  stop(): Promise<void>;
}

export type PostgresStart = PostgresServer | { skipped: string };

const PG_ROOT = "/usr/lib/postgresql";
const USER = "tenor";

/** The bin directory of the highest installed major version that has initdb and pg_ctl. */
function findBinDir(): string | undefined {
  let versions: string[];
  try {
    versions = readdirSync(PG_ROOT).filter((v) => /^\d+(\.\d+)?$/.test(v));
  } catch {
    return undefined;
  }
  versions.sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(PG_ROOT, v, "bin");
    try {
      accessSync(join(bin, "initdb"), constants.X_OK);
      accessSync(join(bin, "pg_ctl"), constants.X_OK);
      return bin;
    } catch {
      // incomplete install of this version: try the next one
    }
  }
  return undefined;
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * The argv that runs `cmd args` as the `postgres` OS user when we are root:
 * initdb and postgres refuse to run as root.
 */
function asServerUser(cmd: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [cmd, args];
  const runuser = ["/usr/sbin/runuser", "/sbin/runuser"].find(isExecutable);
  if (runuser) return [runuser, ["-u", "postgres", "--", cmd, ...args]];
  return ["su", ["postgres", "-s", "/bin/sh", "-c", [cmd, ...args].map(shellQuote).join(" ")]];
}

function run(cmd: string, args: string[], cwd: string, timeoutMs = 120_000): Promise<string> {
  const [file, argv] = asServerUser(cmd, args);
  return new Promise((resolve, reject) => {
    // cwd: the server user may not be able to enter the test's working directory.
    execFile(file, argv, { cwd, timeout: timeoutMs, encoding: "utf8" }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const why = error.killed ? "timed out" : `exit ${error.code ?? error.signal}`;
      reject(new Error(`${cmd} ${args.join(" ")} failed (${why}):\n${stderr}${stdout}`));
    });
  });
}

/** A TCP port that was free a moment ago (the kernel picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** The last lines of the server log, for error messages. */
function logTail(logFile: string, lines = 30): string {
  try {
    const text = readFileSync(logFile, "utf8").trimEnd();
    return text ? `\n--- server log (tail) ---\n${text.split("\n").slice(-lines).join("\n")}` : "";
  } catch {
    return "";
  }
}

export async function startPostgres(): Promise<PostgresStart> {
  const bin = findBinDir();
  if (!bin) return { skipped: `no ${PG_ROOT}/*/bin/initdb and pg_ctl (Debian package postgresql)` };
  const initdb = join(bin, "initdb");
  const pgCtl = join(bin, "pg_ctl");

  const dir = await mkdtemp(join(tmpdir(), "tenor-pg-"));
  const data = join(dir, "data");
  const sockets = join(dir, "sockets");
  const log = join(dir, "server.log");
  let port = 0;
  let started = false;

  // Synchronous, so it can also run from process.on("exit").
  const stopSync = () => {
    if (started) {
      try {
        execFileSync(...asServerUser(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"]), {
          cwd: dir,
          stdio: "ignore",
          timeout: 30_000,
        });
      } catch {
        // already gone
      }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", stopSync);

  try {
    await mkdir(sockets);
    if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", dir]);
    // --no-sync: a throwaway cluster need not survive a power cut.
    await run(initdb, ["-D", data, "-A", "trust", "-U", USER, "--encoding=UTF8", "--locale=C", "--no-sync"], dir);

    // Another process may take the port between freePort() and the server's bind: retry.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${shellQuote(sockets)} -c fsync=off`;
      try {
        await run(pgCtl, ["-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"], dir);
        started = true;
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    const reason = `${(error as Error).message.trim()}${logTail(log)}`;
    process.off("exit", stopSync);
    stopSync();
    return { skipped: reason };
  }

  const urlOf = (db: string) => `postgres://${USER}@127.0.0.1:${port}/${db}`;

  const createDatabase = async (name: string): Promise<string> => {
    const client = new pg.Client({ connectionString: urlOf("postgres") });
    try {
      await client.connect();
      await client.query(`create database ${client.escapeIdentifier(name)}`);
    } catch (error) {
      throw new Error(`create database ${name} failed: ${(error as Error).message}${logTail(log)}`, { cause: error });
    } finally {
      await client.end().catch(() => {});
    }
    return urlOf(encodeURIComponent(name));
  };

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.off("exit", stopSync);
      try {
        await run(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"], dir, 30_000);
        started = false;
      } catch (error) {
        throw new Error(`${(error as Error).message.trim()}${logTail(log)}`, { cause: error });
      } finally {
        // Remove the directory even if stop failed: the postmaster exits by
        // itself once its lock file (data/postmaster.pid) is gone.
        await rm(dir, { recursive: true, force: true });
      }
    })());

  const server: PostgresServer = { url: urlOf(USER), createDatabase, stop };
  try {
    await createDatabase(USER);
  } catch (error) {
    const reason = (error as Error).message;
    await stop().catch(() => {});
    return { skipped: reason };
  }
  return server;
}
