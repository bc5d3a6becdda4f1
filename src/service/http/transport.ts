/**
 * How the service meets the network (issue 18): HTTPS with a certificate
 * of its own, or plain HTTP on a loopback address only (behind a reverse
 * proxy that terminates TLS) unless the operator says `--insecure`; a
 * bound on how long a request may take to arrive (a client that trickles
 * its headers or body holds a connection for at most that long); and,
 * behind a proxy, which proxies may name the client (X-Forwarded-For).
 */
import { BlockList, isIP } from "node:net";
import type { ServerOptions } from "node:http";

export interface Transport {
  /** PEM certificate chain and private key: serve HTTPS (null: plain HTTP). */
  readonly tls: { readonly cert: string; readonly key: string } | null;
  /** The whole request (headers and body) must arrive within this many ms, and a connection idle this long is closed. */
  readonly requestTimeoutMs: number;
  /** Requests a minute per key (per client address before authentication); 0: no limit. */
  readonly rateLimit: number;
  /** Proxies whose X-Forwarded-For names the client (Fastify's trustProxy: addresses, CIDRs, `loopback`); null: none. */
  readonly trustProxy: string | null;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

export const PLAIN: Transport = { tls: null, requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS, rateLimit: 0, trustProxy: null };

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");
LOOPBACK.addSubnet("::ffff:127.0.0.0", 104, "ipv6");

/** Whether `host` only ever reaches this machine: 127.0.0.0/8, ::1, localhost. Any other name may resolve anywhere. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  if (bare.toLowerCase() === "localhost") return true;
  const family = isIP(bare);
  return family !== 0 && LOOPBACK.check(bare, family === 4 ? "ipv4" : "ipv6");
}

/** Why the service must not listen on `host` as configured, or null when it may. */
export function plainTextRefusal(host: string, transport: Transport, insecure: boolean): string | null {
  if (transport.tls !== null || insecure || isLoopback(host)) return null;
  return `refusing to listen on ${host} without TLS: keys, tokens and terms would cross the network in clear text. `
    + "Give --tls-cert FILE and --tls-key FILE, or listen on 127.0.0.1 behind a reverse proxy that terminates TLS (docs/service.md \"Transport\"), "
    + "or, on a network you trust, --insecure";
}

/** The Fastify server options of a transport. */
export function serverOptions(transport: Transport): {
  readonly requestTimeout: number;
  readonly connectionTimeout: number;
  readonly http: ServerOptions;
  readonly https?: ServerOptions & { cert: string; key: string };
  readonly trustProxy?: string;
} {
  const ms = transport.requestTimeoutMs;
  // Node checks for requests past their time every connectionsCheckingInterval (30 s by default): often enough for the bound to hold.
  // The headers' own bound (Node's 60 s) must not outlast the request's.
  const server: ServerOptions = { connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(ms / 4))), headersTimeout: Math.min(60_000, ms) };
  return {
    requestTimeout: ms,
    connectionTimeout: ms,
    http: server,
    ...(transport.tls === null ? {} : { https: { ...server, cert: transport.tls.cert, key: transport.tls.key } }),
    ...(transport.trustProxy === null ? {} : { trustProxy: transport.trustProxy }),
  };
}
