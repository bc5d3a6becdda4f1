/**
 * `--rate-limit N` (issue 18): at most N requests a minute per key — the
 * key id or token subject that authentication found — answered past that
 * with 429 TN5016 and Retry-After, before the body is read. Requests
 * without a principal count against the client's address instead: the
 * public routes, and every request refused at authentication. An address
 * with N refusals in the minute is refused before authentication (so a
 * guesser costs neither scrypt nor a signature check), while the keys of
 * honest clients behind the same address keep their own budgets once
 * authenticated. The counts live in this process (@fastify/rate-limit's
 * in-memory store): with several processes behind a load balancer, each
 * allows N.
 */
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { SERVICE } from "../../diagnostics/codes/service.ts";
import { Problem } from "../problem.ts";

const MINUTE_MS = 60_000;

/** The budget a request counts against. */
function budgetOf(request: FastifyRequest): string {
  return request.principal === null ? `address ${request.ip}` : `key ${request.principal.id}`;
}

function tooMany(request: FastifyRequest, max: number, ttlMs: number): Problem {
  const whose = request.principal === null ? "this address" : "this key";
  return new Problem(429, SERVICE.rateLimited, `more than ${max} requests a minute from ${whose}: retry in ${Math.max(1, Math.ceil(ttlMs / 1000))} s`);
}

/** Registers the limits on `app`; call it before the authentication hooks (./access.ts guard) so the address check comes first. */
export async function limitRate(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(rateLimit, { global: false });
  const perBudget = app.rateLimit({
    max: perMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: budgetOf,
    errorResponseBuilder: (request, context) => tooMany(request, context.max, context.ttl),
  });
  const refusals = app.createRateLimit({ max: perMinute, timeWindow: MINUTE_MS, keyGenerator: (request) => `address ${request.ip}` });

  app.addHook("onRequest", async (request, reply) => {
    if (request.routeOptions.config.public === true) return;
    const seen = await refusals(request, { increment: false });
    if (!seen.isAllowed && seen.remaining === 0) {
      reply.header("retry-after", String(Math.max(1, seen.ttlInSeconds)));
      throw tooMany(request, seen.max, seen.ttl);
    }
  });
  // After authentication (an onRequest hook of its own), before the body is read.
  app.addHook("preParsing", async (request, reply) => {
    await perBudget.call(app, request, reply);
  });
  app.addHook("onSend", async (request, reply, payload) => {
    if (reply.statusCode === 401) await refusals(request);
    return payload;
  });
}
