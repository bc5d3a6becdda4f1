/**
 * `npm run bench -- service`: periods settled per second through the HTTP
 * settlement service (`tenor serve`, src/service) against the runtime's
 * `settlePeriod` in this process, over the same data (issue 10: the HTTP +
 * storage overhead at most 3× the in-process cost, on the embedded database).
 *
 * The service runs as its users run it: `node bin/tenor.mjs serve --port 0
 * --data TMP` in a process of its own (embedded PGlite in a new temporary
 * folder, the default 4 in-process job workers polling the queue), spoken
 * to over loopback with fetch (keep-alive), one request at a time. The deal
 * is examples/sharon-dsx (72 monthly periods, 3 events), posted as its
 * compiled artifact N times (N deals with the same terms, so the service
 * loads the terms once, as the baseline does).
 *
 * Each period's data is two PUTs, as the parties send it: Sharon AI's key
 * its inputs, NVIDIA's key its events (an empty list most months).
 *
 * - **settle only**: every period of every deal is PUT first (timed on its
 *   own), then one `POST /deals/:id/settle` per deal settles its 72 periods.
 * - **PUT + settle per period**: the production pattern, data arriving a
 *   period at a time: for each period, for each deal, the two PUTs and one
 *   settle (with an Idempotency-Key, as a client that may retry sends).
 * - **in-process**: `settlePeriod` chained from snapshot to snapshot over
 *   the same rows and events, N × 72 periods, with traces (the service
 *   stores every line's trace): the median of 9 rounds, 3 each before,
 *   between and after the HTTP parts, so that the machine's load, which
 *   changes from minute to minute, weighs on both sides alike.
 *
 * Besides wall time, CPU time: the server's (from /proc, everything the
 * process does, its job queue's polling included) per period, against this
 * process's CPU time per period in process; less sensitive to other work on
 * the machine than wall time. The client's own CPU (fetch) is not in it.
 *
 * The server's CPU profile: TENOR_BENCH_SERVICE_PROF=DIR starts it with
 * `--cpu-prof --cpu-prof-dir DIR` (written when it stops).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileSource } from "../src/api.ts";
import { artifactText } from "../src/compile/artifact.ts";
import { nodeHost } from "../src/modules/node-host.ts";
import { loadTerms } from "../src/runtime/load-terms.ts";
import { settlePeriod } from "../src/runtime/settle.ts";
import type { Snapshot } from "../src/runtime/snapshot.ts";

const root = join(import.meta.dirname, "..");

export interface ServiceFigures {
  readonly deals: number;
  readonly periodsPerDeal: number;
  /** Periods settled per second in this process (settlePeriod, traces on): median of rounds before, between and after the HTTP parts. */
  readonly inProcess: number;
  /** CPU microseconds a period: in this process; in the server process for (a) and (b) (its whole CPU time, job queue included, over the periods). */
  readonly inProcessCpuUs: number;
  readonly settleOnlyCpuUs: number;
  readonly putAndSettleCpuUs: number;
  /** PUT requests stored per second (all data first). */
  readonly putOnly: number;
  /** Periods settled per second through POST /deals/:id/settle, data already stored. */
  readonly settleOnly: number;
  /** Periods per second with two PUTs (inputs, events) and one settle request per period. */
  readonly putAndSettle: number;
  /** Milliseconds per request, median, in the PUT + settle pattern. */
  readonly putMs: number;
  readonly settleMs: number;
  /** The server's CPU time (user + system) over the whole run, and the wall time of the HTTP part. */
  readonly serverCpuSeconds: number;
  readonly httpSeconds: number;
}

interface PeriodBody {
  readonly start: string;
  readonly body: { inputs: Record<string, string>; events: Record<string, unknown>[] };
}

/** The deal's artifact and its periods' PUT bodies: each period's inputs and the events dated inside it. */
function dealAndData(): { artifact: string; bodies: PeriodBody[] } {
  const file = join(root, "examples", "sharon-dsx.tenor");
  const compiled = compileSource(readFileSync(file, "utf8"), { modules: nodeHost(file, (p) => readFileSync(p, "utf8")) });
  if (compiled.value === null) throw new Error("examples/sharon-dsx.tenor does not compile");
  const artifact = artifactText(compiled.value);
  const periods = loadTerms(artifact).program.periods;
  const inputs = JSON.parse(readFileSync(join(root, "examples", "sharon-dsx.inputs.json"), "utf8")) as {
    periods: Record<string, string>[];
    events?: Record<string, unknown>[];
  };
  const bodies = inputs.periods.map((row, i) => {
    const { period, ...values } = row;
    const p = periods[i]!;
    if (p.start !== period) throw new Error(`inputs row ${i + 1} is for ${period}, period ${i + 1} starts ${p.start}`);
    const events = (inputs.events ?? []).filter((e) => String(e["date"]) >= p.start && String(e["date"]) <= p.end);
    return { start: p.start, body: { inputs: values, events } };
  });
  return { artifact, bodies };
}

/** Settles N × the periods in this process, settlePeriod chained from snapshot to snapshot; `round()` times one pass. */
function inProcess(artifact: string, bodies: readonly PeriodBody[], deals: number): { round(): { ms: number; cpuMs: number }; totals: string } {
  const terms = loadTerms(artifact);
  const rows = bodies.map((b) => ({ row: { ...b.body.inputs, period: b.start }, events: b.body.events }));
  let totals = "";
  const once = () => {
    for (let d = 0; d < deals; d++) {
      let snapshot: Snapshot | null = null;
      for (const { row, events } of rows) {
        const settled = settlePeriod(terms, snapshot, row, events);
        snapshot = settled.snapshot;
        totals = JSON.stringify(settled.totals);
      }
    }
  };
  once(); // warm up
  return {
    totals,
    round() {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      once();
      const cpu = process.cpuUsage(cpu0);
      return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
    },
  };
}

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM, wait for the exit; the server's CPU seconds, from its last /proc reading. */
  stop(): Promise<void>;
  cpuSeconds(): number;
}

function startServer(dataDir: string, profileDir: string | undefined): Promise<Server> {
  // Before the server (the embedded database takes one process at a time): the admin key the bench speaks with.
  const made = spawnSync(process.execPath, [join(root, "bin", "tenor.mjs"), "serve", "keys", "create", "--data", dataDir, "--role", "admin"], { cwd: root, encoding: "utf8" });
  if (made.status !== 0) throw new Error(`tenor serve keys create failed:\n${made.stderr}`);
  adminKey = made.stdout.trim();
  const prof = profileDir === undefined ? [] : ["--cpu-prof", "--cpu-prof-dir", profileDir];
  const child = spawn(process.execPath, [...prof, join(root, "bin", "tenor.mjs"), "serve", "--port", "0", "--data", dataDir], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  let err = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tenor serve did not start in 60 s:\n${err}`)), 60_000);
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      err += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m === null) return;
      clearTimeout(timer);
      resolve({
        url: m[1]!,
        child,
        cpuSeconds: () => processCpuSeconds(child.pid!),
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      });
    });
    void exited.then(() => reject(new Error(`tenor serve exited before it started:\n${err}`)));
  });
}

/** utime + stime of a process, from /proc (Linux); NaN elsewhere. */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks; USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

/** The admin key of the server started last. */
let adminKey = "";

/** One request, as the admin unless `headers.authorization` says who. */
async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; text: string }> {
  const r = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return { status: r.status, json: text.startsWith("{") ? JSON.parse(text) : undefined, text };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measureService(deals = 20): Promise<ServiceFigures> {
  const { artifact, bodies } = dealAndData();
  const periods = bodies.length;
  const base = inProcess(artifact, bodies, deals);
  const rounds: { ms: number; cpuMs: number }[] = [];
  // Rounds of the baseline before, between and after the HTTP parts, so that a change in the machine's load hits both alike.
  const baseline = (n: number) => {
    for (let i = 0; i < n; i++) rounds.push(base.round());
  };
  baseline(3);

  const dataDir = mkdtempSync(join(tmpdir(), "tenor-bench-service-"));
  const server = await startServer(dataDir, process.env["TENOR_BENCH_SERVICE_PROF"]);
  let key = 0;
  /** A deal, with the keys of its operator (Sharon AI, the inputs) and counterparty (NVIDIA, the events). */
  const keys = new Map<string, { operator: Record<string, string>; counterparty: Record<string, string> }>();
  const create = async () => {
    const id = (await call(server.url, "POST", "/deals", { artifact: JSON.parse(artifact) }, { "idempotency-key": `bench-deal-${key++}` })).json.id as string;
    const keyOf = async (role: string, party: string) => ({ authorization: `Bearer ${(await call(server.url, "POST", "/keys", { role, deal: id, party })).json.key}` });
    keys.set(id, { operator: await keyOf("operator", "sharon"), counterparty: await keyOf("counterparty", "nvidia") });
    return id;
  };
  /** A period's data as it arrives: the operator's inputs, then the counterparty's events (none, most months). */
  const put = async (id: string, b: PeriodBody) => {
    const k = keys.get(id)!;
    await call(server.url, "PUT", `/deals/${id}/periods/${b.start}`, { inputs: b.body.inputs }, k.operator);
    await call(server.url, "PUT", `/deals/${id}/periods/${b.start}/events`, { events: b.body.events }, k.counterparty);
  };
  try {
    const cpuStart = server.cpuSeconds();
    const h0 = performance.now();
    // Warm the server up (its first requests compile its code paths): one deal, PUT and settled, not counted.
    const warm = await create();
    for (const b of bodies) await put(warm, b);
    await call(server.url, "POST", `/deals/${warm}/settle`);

    // (a) All data stored first, then one settle request per deal.
    const stored: string[] = [];
    for (let d = 0; d < deals; d++) stored.push(await create());
    const p0 = performance.now();
    for (const id of stored) for (const b of bodies) await put(id, b);
    const putSeconds = (performance.now() - p0) / 1000;
    const cpu0 = server.cpuSeconds();
    const s0 = performance.now();
    for (const id of stored) {
      const r = await call(server.url, "POST", `/deals/${id}/settle`);
      if (r.json.settled.length !== periods) throw new Error(`settle of ${id} settled ${r.json.settled.length} periods, not ${periods}`);
    }
    const settleSeconds = (performance.now() - s0) / 1000;
    const settleCpu = server.cpuSeconds() - cpu0;
    baseline(3);

    // (b) One PUT and one settle per period, period by period across the deals.
    const arriving: string[] = [];
    for (let d = 0; d < deals; d++) arriving.push(await create());
    const putMs: number[] = [];
    const settleMs: number[] = [];
    const cpu1 = server.cpuSeconds();
    const b0 = performance.now();
    for (const b of bodies) {
      for (const id of arriving) {
        const t0 = performance.now();
        await put(id, b);
        const t1 = performance.now();
        const r = await call(server.url, "POST", `/deals/${id}/settle`, undefined, { "idempotency-key": `bench-settle-${id}-${b.start}` });
        settleMs.push(performance.now() - t1);
        putMs.push(t1 - t0);
        if (r.json.settled.length !== 1) throw new Error(`settle of ${id} after ${b.start} settled ${r.json.settled.length} periods`);
      }
    }
    const bothSeconds = (performance.now() - b0) / 1000;
    const httpSeconds = (performance.now() - h0) / 1000;
    const bothCpu = server.cpuSeconds() - cpu1;
    const serverCpuSeconds = server.cpuSeconds() - cpuStart;
    baseline(3);

    // The service's figures are the runtime's: its ledger's totals are the baseline's.
    for (const id of [stored[0]!, arriving[0]!]) {
      const ledger = JSON.parse((await call(server.url, "GET", `/deals/${id}/ledger?trace=false`)).text) as { periods: unknown[]; totals: unknown };
      if (ledger.periods.length !== periods || JSON.stringify(ledger.totals) !== base.totals) throw new Error(`the ledger of deal ${id} differs from settlePeriod in process`);
    }
    const n = deals * periods;
    return {
      deals,
      periodsPerDeal: periods,
      inProcess: n / (median(rounds.map((r) => r.ms)) / 1000),
      inProcessCpuUs: (median(rounds.map((r) => r.cpuMs)) * 1000) / n,
      settleOnlyCpuUs: (settleCpu * 1e6) / n,
      putAndSettleCpuUs: (bothCpu * 1e6) / n,
      putOnly: (2 * n) / putSeconds, // two PUTs a period: inputs, events
      settleOnly: n / settleSeconds,
      putAndSettle: n / bothSeconds,
      putMs: median(putMs),
      settleMs: median(settleMs),
      serverCpuSeconds,
      httpSeconds,
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
