/**
 * Tests run the service as its users do: `node bin/tenor.mjs serve` in a
 * process of its own, on a free loopback port, spoken to with a real HTTP
 * client (fetch). The process says where it listens on standard error.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const CLI = join(ROOT, "bin", "tenor.mjs");

export interface ServiceProcess {
  /** http://127.0.0.1:PORT, https:// with --tls-cert (null for a worker only). */
  readonly url: string | null;
  /** An admin key, made with `tenor serve keys create --role admin` before the server started; request() sends it to this server by default. */
  readonly adminKey: string;
  readonly child: ChildProcess;
  /** Everything it wrote to standard error so far. */
  stderr(): string;
  /** SIGTERM, and wait for the exit; gives the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** The embedded database's folder (default: a new temporary one, removed by `cleanUp`). */
  readonly data?: string;
  /** A Postgres server instead. */
  readonly database?: string;
  /** More arguments (`--worker`, `--no-jobs`, `--concurrency 2` …). */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** A temporary folder for an embedded database. */
export function tempDataDir(): { dir: string; cleanUp(): void } {
  const dir = mkdtempSync(join(tmpdir(), "tenor-service-"));
  return { dir, cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The admin key of each running server, by its URL: what request() sends unless told otherwise. */
const adminKeys = new Map<string, string>();

/** `tenor serve keys create …` on the database of `where`: the key printed. */
export function createKeyCli(where: readonly string[], binding: readonly string[], env: Readonly<Record<string, string>> = {}): string {
  const r = spawnSync(process.execPath, [CLI, "serve", "keys", "create", ...where, ...binding], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`tenor serve keys create exited with ${r.status}:\n${r.stderr}`);
  return r.stdout.trim();
}

/** Starts `tenor serve` and resolves once it listens (or, with --worker, once it works jobs). */
export function startService(options: StartOptions): Promise<ServiceProcess> {
  const where = options.database !== undefined ? ["--database", options.database] : ["--data", options.data ?? tempDataDir().dir];
  // Before the server: the embedded database takes one process at a time.
  const adminKey = createKeyCli(where, ["--role", "admin"], options.env);
  const args = [CLI, "serve", "--port", "0", ...where, ...(options.args ?? [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`tenor serve did not start in 60 s:\n${err}`)), 60_000);
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      err += chunk;
      const listening = /listening on (https?:\/\/\S+)/.exec(err);
      if (listening !== null || /working settle jobs/.test(err)) {
        clearTimeout(timer);
        if (listening !== null) adminKeys.set(listening[1]!, adminKey);
        resolvePromise({
          url: listening?.[1] ?? null,
          adminKey,
          child,
          stderr: () => err,
          stop: async () => {
            child.kill("SIGTERM");
            return exited;
          },
          kill: async () => {
            child.kill("SIGKILL");
            await exited;
          },
        });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`tenor serve exited with ${code} before it started:\n${err}`));
    });
  });
}

export interface Reply {
  readonly status: number;
  readonly type: string;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: any;
}

/**
 * One request with fetch: a JSON body when `body` is given; the server's
 * admin key unless `headers.authorization` says otherwise (`""`: none).
 */
export async function request(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const admin = adminKeys.get(url);
  const { authorization = admin === undefined ? "" : `Bearer ${admin}`, ...rest } = headers;
  const r = await fetch(url + path, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...(authorization === "" ? {} : { authorization }), ...rest },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, type: r.headers.get("content-type") ?? "", text, json };
}

/** The PUT bodies for an inputs file of docs/language.md §11 "JSON": each period's inputs, and the events dated inside it. */
export function periodBodies(inputs: { periods: Record<string, string>[]; events?: { date: string }[] }, ends: readonly string[]): { start: string; body: { inputs: Record<string, string>; events: object[] } }[] {
  return inputs.periods.map((row, i) => {
    const { period, ...values } = row;
    const end = ends[i]!;
    return { start: period!, body: { inputs: values, events: (inputs.events ?? []).filter((e) => e.date >= period! && e.date <= end) } };
  });
}

/** The Authorization header of a key. */
export function bearer(key: string): { authorization: string } {
  return { authorization: `Bearer ${key}` };
}

/** A key for `party` of deal `dealId` in `role`, made by the server's admin (POST /keys). */
export async function partyKey(service: { readonly url: string | null }, dealId: string, role: "operator" | "counterparty" | "counsel" | "auditor", party?: string): Promise<string> {
  const r = await request(service.url!, "POST", "/keys", { role, deal: dealId, ...(party === undefined ? {} : { party }) });
  if (r.status !== 201) throw new Error(`POST /keys answered ${r.status}: ${r.text}`);
  return r.json.key as string;
}

const partyKeys = new Map<string, Promise<string>>();

/**
 * The Authorization of `role` for `party` of deal `dealId`; by default the
 * operator speaks for the deal's first party and the counterparty for its
 * second. One key per server, deal, role and party.
 */
export function asParty(url: string, dealId: string, role: "operator" | "counterparty" | "counsel" | "auditor", party?: string): Promise<{ authorization: string }> {
  const cacheKey = `${url} ${dealId} ${role} ${party ?? ""}`;
  let key = partyKeys.get(cacheKey);
  if (key === undefined) {
    key = (async () => {
      const parties = (await request(url, "GET", `/deals/${dealId}`)).json.parties as string[];
      return partyKey({ url }, dealId, role, party ?? parties[role === "counterparty" ? 1 : 0]);
    })();
    partyKeys.set(cacheKey, key);
  }
  return key.then(bearer);
}

/** The Authorization of an operator of deal `dealId` for `party` (default: the deal's first party). */
export function asOperator(url: string, dealId: string, party?: string): Promise<{ authorization: string }> {
  return asParty(url, dealId, "operator", party);
}

/**
 * Stores one period's data as the two parties do: the inputs as the
 * operator, then — when `events` is given — the events as the
 * counterparty. Answers the last reply (the inputs' when it fails).
 */
export async function putPeriod(
  url: string,
  dealId: string,
  start: string,
  data: { inputs: Record<string, unknown>; events?: readonly object[] },
  parties: { operator?: string; counterparty?: string } = {},
): Promise<Reply> {
  const inputs = await request(url, "PUT", `/deals/${dealId}/periods/${start}`, { inputs: data.inputs }, await asParty(url, dealId, "operator", parties.operator));
  if (inputs.status >= 300 || data.events === undefined) return inputs;
  return request(url, "PUT", `/deals/${dealId}/periods/${start}/events`, { events: data.events }, await asParty(url, dealId, "counterparty", parties.counterparty));
}
