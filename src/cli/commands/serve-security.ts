/**
 * The options of `tenor serve` that decide who gets in and how
 * (docs/service.md "Identity providers", "Transport", "Limits"): an
 * identity provider's JWKS, issuer, audience and claim names; a TLS
 * certificate and key; rate limits and timeouts; trusted proxies. Each is
 * checked before anything starts: a wrong one is a usage error (exit 64),
 * never a service that starts and then refuses every token or connection.
 */
import { isIP } from "node:net";
import { createSecureContext } from "node:tls";
import type { JwtConfig } from "../../service/auth/jwt.ts";
import { DEFAULT_REQUEST_TIMEOUT_MS, isLoopback, plainTextRefusal, type Transport } from "../../service/http/transport.ts";
import { readReason, type Io } from "../io.ts";

export interface SecurityCliOptions {
  readonly jwks?: string;
  readonly jwtIssuer?: string;
  readonly jwtAudience?: string;
  readonly jwtClaims?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly insecure?: boolean;
  readonly rateLimit?: string;
  readonly requestTimeout?: string;
  readonly trustProxy?: string;
}

export interface Security {
  readonly jwt?: JwtConfig;
  readonly transport: Transport;
  /** A line for standard error before the service starts (plain HTTP off this machine), or null. */
  readonly warning: string | null;
}

/** A wrong option: its message is printed after `tenor serve: `, and the command exits 64. */
export class UsageError extends Error {}

/** The claim names of the role, deal and party in a token, when --jwt-claims does not name them. */
export const DEFAULT_CLAIMS = { role: "tenor_role", deal: "tenor_deal", party: "tenor_party" } as const;

/** JWKS files and PEM files are small; anything past this is not one. */
const MAX_FILE_BYTES = 1 << 20;

/** An integer option from `min` to `max`. */
export function countOption(text: string, what: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`${what} must be an integer from ${min} to ${max}, not ${JSON.stringify(text)}`);
  return Number(text);
}

export async function securityOptions(io: Io, host: string, listens: boolean, o: SecurityCliOptions): Promise<Security> {
  const tls = tlsOf(io, o);
  const transport: Transport = {
    tls,
    requestTimeoutMs: o.requestTimeout === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : countOption(o.requestTimeout, "--request-timeout", 1000, 3_600_000),
    rateLimit: o.rateLimit === undefined ? 0 : countOption(o.rateLimit, "--rate-limit", 0, 1_000_000),
    trustProxy: o.trustProxy === undefined ? null : trustedProxies(o.trustProxy),
  };
  const jwt = await jwtOf(io, o);
  const refusal = listens ? plainTextRefusal(host, transport, o.insecure === true) : null;
  if (refusal !== null) throw new UsageError(refusal);
  const warning = listens && tls === null && !isLoopback(host)
    ? `tenor serve: warning: listening on ${host} without TLS (--insecure): keys, tokens and terms cross the network in clear text`
    : null;
  return { ...(jwt === null ? {} : { jwt }), transport, warning };
}

function readText(io: Io, path: string, option: string): string {
  let bytes: Uint8Array | string;
  try {
    bytes = io.readFile(path, MAX_FILE_BYTES);
  } catch (e) {
    throw new UsageError(`${option} ${path}: ${readReason(e)}`);
  }
  if (bytes.length > MAX_FILE_BYTES) throw new UsageError(`${option} ${path}: larger than ${MAX_FILE_BYTES} bytes`);
  return typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8");
}

function tlsOf(io: Io, o: SecurityCliOptions): Transport["tls"] {
  if (o.tlsCert === undefined && o.tlsKey === undefined) return null;
  if (o.tlsCert === undefined || o.tlsKey === undefined) throw new UsageError("--tls-cert and --tls-key go together: the certificate (PEM, with its chain) and its private key (PEM)");
  const cert = readText(io, o.tlsCert, "--tls-cert");
  const key = readText(io, o.tlsKey, "--tls-key");
  try {
    // What https.createServer would refuse (not PEM, a key of another certificate), refused now.
    createSecureContext({ cert, key });
  } catch (e) {
    throw new UsageError(`--tls-cert ${o.tlsCert} and --tls-key ${o.tlsKey} are not a certificate and its key: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { cert, key };
}

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** `--trust-proxy`: addresses, CIDR ranges, or loopback / linklocal / uniquelocal, separated by commas. */
function trustedProxies(text: string): string {
  const items = text.split(",").map((s) => s.trim());
  for (const item of items) {
    const [address = "", prefix, ...rest] = item.split("/");
    const family = isIP(address);
    const ok = PROXY_NAMES.has(item) || (family !== 0 && rest.length === 0 && (prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128))));
    if (!ok) throw new UsageError(`--trust-proxy takes addresses, CIDR ranges or loopback, linklocal, uniquelocal, separated by commas; not ${JSON.stringify(item)}`);
  }
  return items.join(",");
}

function claimsOf(text: string | undefined): Pick<JwtConfig, "roleClaim" | "dealClaim" | "partyClaim"> {
  const claims: Record<keyof typeof DEFAULT_CLAIMS, string> = { ...DEFAULT_CLAIMS };
  for (const item of (text ?? "").split(",").filter((s) => s.trim() !== "")) {
    const m = /^\s*(role|deal|party)=(\S+?)\s*$/.exec(item);
    if (m === null) throw new UsageError(`--jwt-claims takes role=CLAIM,deal=CLAIM,party=CLAIM (any of them), not ${JSON.stringify(item)}`);
    claims[m[1] as keyof typeof DEFAULT_CLAIMS] = m[2]!;
  }
  return { roleClaim: claims.role, dealClaim: claims.deal, partyClaim: claims.party };
}

async function jwtOf(io: Io, o: SecurityCliOptions): Promise<JwtConfig | null> {
  if (o.jwks === undefined) {
    const stray = o.jwtIssuer !== undefined ? "--jwt-issuer" : o.jwtAudience !== undefined ? "--jwt-audience" : o.jwtClaims !== undefined ? "--jwt-claims" : null;
    if (stray !== null) throw new UsageError(`${stray} needs --jwks: the identity provider's signing keys`);
    return null;
  }
  if (o.jwtIssuer === undefined || o.jwtAudience === undefined) throw new UsageError("--jwks needs --jwt-issuer ISS and --jwt-audience AUD: a token is taken only from that issuer, for this service");
  const config: JwtConfig = { jwks: jwksOf(io, o.jwks), issuer: o.jwtIssuer, audience: o.jwtAudience, ...claimsOf(o.jwtClaims) };
  const { jwtVerifier } = await import("../../service/auth/jwt.ts");
  try {
    jwtVerifier(config);
  } catch (e) {
    throw new UsageError(`--jwks ${o.jwks} is not a JSON Web Key Set: ${e instanceof Error ? e.message : String(e)}`);
  }
  return config;
}

/** `--jwks`: an https URL (http only to this machine), or a file holding the set. */
function jwksOf(io: Io, value: string): JwtConfig["jwks"] {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new UsageError(`--jwks ${value} is not a URL`);
    }
    if (url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url.hostname))) return url;
    throw new UsageError(`--jwks ${value}: the keys must come over https (http only from this machine), or from a file`);
  }
  let set: unknown;
  try {
    set = JSON.parse(readText(io, value, "--jwks"));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--jwks ${value} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const keys = (set as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new UsageError(`--jwks ${value} must be a JSON Web Key Set: {"keys": [ … ]} with at least one key`);
  // A set that holds a private key is a leaked key: the service needs the public halves only.
  if (keys.some((k) => typeof k === "object" && k !== null && "d" in k)) throw new UsageError(`--jwks ${value} holds a private key ("d"): give the identity provider's public keys only`);
  return set as { keys: never[] };
}
