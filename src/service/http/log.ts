/**
 * `--log`: one pino JSON line per request on standard error, and never a
 * secret in it (issue 18). A request is logged with the headers worth
 * having (who is asking is the principal's id, the key's public half);
 * the Authorization header shows its scheme only; a key or token that
 * turns up in a URL or an error message is cut to its public id. Bodies
 * are never logged, so POST /keys' answer (the one place a key's text
 * leaves the service) is not either.
 */
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from "fastify";

/** `tnr_<id>_<secret>` (./auth/keys.ts) and anything that begins like one; a JWT (three base64url parts, `eyJ…`). */
const KEY = /tnr_(?:([0-9a-f]{12})_)?[A-Za-z0-9_-]*/g;
const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;
export const REDACTED = "[redacted]";

/** `text` with every secret cut out (a key keeps its public id). */
export function scrub(text: string): string {
  return text.replace(KEY, (_m, id: string | undefined) => `tnr_${id === undefined ? "" : `${id}_`}${REDACTED}`).replace(JWT, REDACTED);
}

/** Headers that say something about a request and hold no credential. */
const LOGGED_HEADERS = ["user-agent", "content-type", "content-length", "idempotency-key", "x-forwarded-for"] as const;

function requestLine(request: FastifyRequest): Record<string, unknown> {
  const headers: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) {
    const v = request.headers[name];
    if (typeof v === "string") headers[name] = scrub(v);
  }
  const authorization = request.headers.authorization;
  if (typeof authorization === "string") headers["authorization"] = `${/^\S+/.exec(authorization)?.[0] ?? ""} ${REDACTED}`.trim();
  return { method: request.method, url: scrub(request.url), host: request.host, remoteAddress: request.ip, headers };
}

function responseLine(reply: FastifyReply): Record<string, unknown> {
  const principal = reply.request?.principal ?? null;
  return { statusCode: reply.statusCode, ...(principal === null ? {} : { principal: principal.id, role: principal.role }) };
}

function errorLine(error: Error): Record<string, unknown> {
  return { type: error.name, message: scrub(error.message), ...(error.stack === undefined ? {} : { stack: scrub(error.stack) }) };
}

/** Fastify's logger option: off, or JSON lines on standard error with the serializers above. */
export function loggerOptions(log: boolean): FastifyServerOptions["logger"] {
  if (!log) return false;
  return {
    level: "info",
    // Standard error, as `--log` promises: standard output may be a pipe nobody reads.
    stream: process.stderr,
    serializers: { req: requestLine as never, res: responseLine as never, err: errorLine as never },
  };
}
