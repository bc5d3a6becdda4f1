/**
 * The HTTP API of `tenor serve` (docs/service.md), on Fastify: it validates
 * requests against JSON schemas (./schemas.ts) and generates the OpenAPI
 * document from the same schemas (@fastify/swagger). Every refusal is an
 * `application/problem+json` body (../problem.ts), never a stack trace.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import swagger from "@fastify/swagger";
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { SERVICE } from "../../diagnostics/codes/service.ts";
import { TENOR_VERSION } from "../../version.ts";
import type { Authenticator } from "../auth/authenticate.ts";
import type { Database } from "../db/database.ts";
import { createDeal, putPeriodEvents, putPeriodInputs } from "../deals.ts";
import { once, remember, storedAnswer, type Answer, type KeyedRequest } from "../idempotency.ts";
import type { JobQueue } from "../jobs.ts";
import { asProblem, Problem } from "../problem.ts";
import { dealInfo, exposure, ledgerPieces, periodView } from "../reads.ts";
import { approve, listProposals, propose } from "../proposals.ts";
import { replayDeal } from "../replay.ts";
import { settleDeal } from "../settlement.ts";
import { findDeal } from "../store.ts";
import type { TermsInput } from "../terms.ts";
import { guard, principalOf, whoOf } from "./access.ts";
import { parseJsonBody } from "./json-body.ts";
import { keyRoutes } from "./key-routes.ts";
import { loggerOptions } from "./log.ts";
import { limitRate } from "./rate-limit.ts";
import { PLAIN, serverOptions, type Transport } from "./transport.ts";
import * as S from "./schemas.ts";

export interface AppOptions {
  readonly db: Database;
  readonly jobs: JobQueue;
  /** Who is speaking: API keys, and JWTs when configured. */
  readonly auth: Authenticator;
  /** The largest request body, in bytes. */
  readonly bodyLimit: number;
  /** Periods settled in one transaction. */
  readonly settleBatch: number;
  /** Log requests (as JSON lines) to standard error. */
  readonly log: boolean;
  /** HTTPS, timeouts, rate limits (default: plain HTTP, the default timeout, no limit). */
  readonly transport?: Transport;
}

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

type IdParams = { id: string };
type PeriodParams = { id: string; start: string };
type ProposalParams = { id: string; n: string };

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db, jobs } = options;
  const transport = options.transport ?? PLAIN;
  const app = Fastify({
    ...serverOptions(transport),
    bodyLimit: options.bodyLimit,
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
    logger: loggerOptions(options.log),
    // Refuse what the schema does not name, rather than silently dropping it; and
    // a number where a string belongs, rather than coercing it (`{"source": 5}`).
    ajv: { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: false } },
    // A path Fastify cannot decode (`%zz`, a lone surrogate) or a too long parameter: a problem too.
    frameworkErrors: (error, _request, reply) => void sendProblem(reply, problemOf(error)),
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: { title: "Tenor settlement service", version: TENOR_VERSION, description: "Stored terms, period-by-period settlement, replayable ledgers (docs/service.md)" },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json["$id"] === "string" ? json["$id"] : `def-${i}`) },
  });
  // Only JSON is taken: without a text parser, any other content type is a 415.
  app.removeContentTypeParser("text/plain");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, text, done) => {
    try {
      done(null, parseJsonBody(text as string, (request.params as { start?: string } | undefined)?.start));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  app.addSchema(S.PROBLEM);
  // Before the guard: an address refused too often is refused before authentication.
  if (transport.rateLimit > 0) await limitRate(app, transport.rateLimit);
  guard(app, options.auth);

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const problem = problemOf(error);
    if (problem.status >= 500) request.log.error({ err: error }, "internal error");
    // Fastify closes the connection after a refused body; a client still sending it
    // would see the reset (EPIPE) instead of the 413. Take in the rest first, within bounds.
    if (problem.code === SERVICE.bodyTooLarge) await drain(request.raw, 4 * options.bodyLimit, 10_000);
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    void sendProblem(reply, new Problem(404, SERVICE.notFound, `there is no ${request.method} ${request.url.split("?")[0]}`));
  });

  app.get("/health", { config: { public: true }, schema: { summary: "Is the service up", security: [], response: { 200: S.answer("{ ok: true }") } } }, async () => {
    await db.query("SELECT 1");
    return { ok: true, version: TENOR_VERSION, database: db.kind };
  });
  app.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  app.post<{ Body: TermsInput }>("/deals", {
    config: { action: "deal.create" }, schema: { summary: "Store a deal's terms (a term sheet or a compiled artifact)", body: S.DEAL_BODY, headers: S.IDEMPOTENCY_HEADERS, response: { 201: S.answer("the deal: id, version, title, currency, periods, irSha256"), ...S.PROBLEMS } },
  }, async (request, reply) => {
    const keyed = keyOf(request, true)!;
    const answer = await db.transaction((tx) => once(tx, keyed, async () => ({ status: 201, body: await createDeal(tx, request.body, whoOf(request)) })));
    return reply.code(answer.status).send(answer.body);
  });

  app.get<{ Params: IdParams }>("/deals/:id", { config: { action: "deal.read" }, schema: { summary: "A deal: its versions and how many periods are stored and settled", params: S.DEAL_PARAMS, response: { 200: S.answer("the deal"), ...S.PROBLEMS } } },
    async (request) => dealInfo(db, request.params.id));

  app.post<{ Params: IdParams; Body: TermsInput & { effective: string } }>("/deals/:id/versions", {
    config: { action: "amendment.propose" }, schema: { summary: "Propose an amendment: new terms in force from a period start, adopted once counsel of every party has approved", params: S.DEAL_PARAMS, body: S.VERSION_BODY, headers: S.IDEMPOTENCY_HEADERS, response: { 201: S.answer("the proposal: its number, who approved it, who is still to, the version once adopted"), ...S.PROBLEMS } },
  }, async (request, reply) => {
    const keyed = keyOf(request, true)!;
    const { effective, ...terms } = request.body;
    const answer = await db.transaction((tx) => once(tx, keyed, async () => ({ status: 201, body: await propose(tx, request.params.id, terms, effective, principalOf(request), whoOf(request)) })));
    return reply.code(answer.status).send(answer.body);
  });

  app.get<{ Params: IdParams }>("/deals/:id/proposals", { config: { action: "deal.read" }, schema: { summary: "The deal's amendment proposals: who approved each, who is still to, the version adopted", params: S.DEAL_PARAMS, response: { 200: S.answer("{ proposals: [...] }"), ...S.PROBLEMS } } },
    async (request) => ({ proposals: await listProposals(db, request.params.id) }));

  app.post<{ Params: ProposalParams }>("/deals/:id/proposals/:n/approve", {
    config: { action: "amendment.approve" }, schema: { summary: "Approve a proposal for the party of the key; the last approval adopts it as the deal's next version", params: S.PROPOSAL_PARAMS, response: { 200: S.answer("the proposal"), ...S.PROBLEMS } },
  }, async (request) => db.transaction((tx) => approve(tx, request.params.id, Number(request.params.n), principalOf(request), whoOf(request))));

  app.put<{ Params: PeriodParams; Body: { inputs: Record<string, unknown>; events?: unknown } }>("/deals/:id/periods/:start", {
    config: { action: "inputs.write" }, schema: { summary: "Store one period's inputs (the operator's)", params: S.PERIOD_PARAMS, body: S.PERIOD_BODY, response: { 200: S.answer("the same inputs were stored already"), 201: S.answer("stored"), ...S.PROBLEMS } },
  }, async (request, reply) => {
    if (request.body.events !== undefined) {
      throw new Problem(403, SERVICE.forbidden, "events are the counterparty's to post: PUT /deals/:id/periods/:start/events with its key; send the operator's inputs alone here", { field: "events" });
    }
    const stored = await putPeriodInputs(db, request.params.id, request.params.start, request.body.inputs, whoOf(request));
    return reply.code(stored.created ? 201 : 200).send(stored);
  });

  app.put<{ Params: PeriodParams; Body: { events: Record<string, unknown>[] } }>("/deals/:id/periods/:start/events", {
    config: { action: "events.write" }, schema: { summary: "Store one period's events (the counterparty's; an empty list: there were none)", params: S.PERIOD_PARAMS, body: S.EVENTS_BODY, response: { 200: S.answer("the same events were stored already"), 201: S.answer("stored"), ...S.PROBLEMS } },
  }, async (request, reply) => {
    const stored = await putPeriodEvents(db, request.params.id, request.params.start, request.body.events, whoOf(request));
    return reply.code(stored.created ? 201 : 200).send(stored);
  });

  app.get<{ Params: PeriodParams }>("/deals/:id/periods/:start", {
    config: { action: "deal.read" }, schema: { summary: "One period: its data, and once settled its ledger lines with their traces", params: S.PERIOD_PARAMS, response: { 200: S.answer("the period"), ...S.PROBLEMS } },
  }, async (request) => periodView(db, request.params.id, request.params.start));

  app.post<{ Params: IdParams }>("/deals/:id/settle", {
    config: { action: "settle" }, schema: { summary: "Settle every period with data that is not settled yet, in order", params: S.DEAL_PARAMS, headers: S.IDEMPOTENCY_HEADERS, response: { 200: S.answer("the periods settled"), ...S.PROBLEMS } },
  }, async (request, reply) => {
    const keyed = keyOf(request, false);
    const answer = await rememberedOr(keyed, async () => ({ status: 200, body: await settleDeal(db, request.params.id, whoOf(request), options.settleBatch) }));
    return reply.code(answer.status).send(answer.body);
  });

  app.post<{ Body: { deals: string[] } }>("/settle", {
    config: { action: "settle.many" }, schema: { summary: "Queue settlement of many deals as jobs (any worker process may take them)", body: S.SETTLE_MANY_BODY, headers: S.IDEMPOTENCY_HEADERS, response: { 202: S.answer("the job ids"), ...S.PROBLEMS } },
  }, async (request, reply) => {
    const keyed = keyOf(request, false);
    const answer = await rememberedOr(keyed, async () => {
      for (const id of request.body.deals) if ((await findDeal(db, id)) === null) throw new Problem(404, SERVICE.unknownDeal, `there is no deal ${id}`, { field: "deals" });
      return { status: 202, body: { jobs: await jobs.enqueue(request.body.deals) } };
    });
    return reply.code(answer.status).send(answer.body);
  });

  app.get<{ Querystring: { jobs?: string } }>("/jobs", {
    config: { action: "settle.many" }, schema: { summary: "How many of the given jobs (up to 400 comma-separated ids) are not finished, and which failed", querystring: { type: "object", properties: { jobs: { type: "string", maxLength: 14800 } } }, response: { 200: S.answer("{ pending, failed: [{ job, deal, error }] }"), ...S.PROBLEMS } },
  }, async (request) => {
    const ids = (request.query.jobs ?? "").split(",").filter((s) => s !== "");
    if (ids.some((s) => !/^[0-9a-f-]{36}$/.test(s))) throw new Problem(400, SERVICE.badRequest, "jobs must be job ids as POST /settle gave them, separated by commas", { field: "jobs" });
    return jobs.status(ids);
  });

  app.get<{ Params: IdParams; Querystring: { format: "json" | "csv"; trace: "true" | "false" } }>("/deals/:id/ledger", {
    config: { action: "deal.read" }, schema: { summary: "The ledger of the settled periods: JSON exactly as `tenor run --format json`, or CSV", params: S.DEAL_PARAMS, querystring: S.LEDGER_QUERY, response: { ...S.PROBLEMS } },
  }, async (request, reply) => {
    const { format, trace } = request.query;
    const pieces = await ledgerPieces(db, request.params.id, format, trace === "true");
    reply.type(format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8");
    return reply.send(Readable.from(pieces));
  });

  app.get<{ Params: IdParams }>("/deals/:id/exposure", {
    config: { action: "deal.read" }, schema: { summary: "Paid so far per clause, and each cap's headroom in its window", params: S.DEAL_PARAMS, response: { 200: S.answer("the exposure"), ...S.PROBLEMS } },
  }, async (request) => exposure(db, request.params.id));

  app.post<{ Params: IdParams }>("/deals/:id/replay", {
    config: { action: "replay" }, schema: { summary: "Re-settle every stored period from the stored terms and data; are they byte-identical", params: S.DEAL_PARAMS, response: { 200: S.answer("the replay report"), ...S.PROBLEMS } },
  }, async (request) => replayDeal(db, request.params.id));

  keyRoutes(app, db, options.auth);

  /** The stored answer of a retried request, else the write's (stored for the next retry). */
  async function rememberedOr(keyed: KeyedRequest | null, write: () => Promise<Answer>): Promise<Answer> {
    if (keyed === null) return write();
    const before = await storedAnswer(db, keyed);
    if (before !== null) return before;
    const answer = await write();
    await remember(db, keyed, answer);
    return answer;
  }

  return app;
}

/** The request's Idempotency-Key, its caller's own: another key's retry is another request (a Problem when `required` and it has none). */
export function keyOf(request: FastifyRequest, required: boolean): KeyedRequest | null {
  const key = request.headers["idempotency-key"];
  if (typeof key !== "string" || key === "") {
    if (required) throw new Problem(400, SERVICE.idempotencyKeyMissing, "this request creates something: send an Idempotency-Key header (any unique string, the same on a retry)", { field: "Idempotency-Key" });
    return null;
  }
  return { owner: principalOf(request).id, key, method: request.method, path: request.url.split("?")[0]!, body: request.body ?? null };
}

/** Fastify's own refusals (validation, body parsing, size) as problems; anything else as ours. */
function problemOf(error: FastifyError): Problem {
  if (error instanceof Problem) return error;
  if (error.validation !== undefined) {
    // The limit on deals per request has a code of its own: the request is well formed, only too big.
    if (error.validation[0]?.keyword === "maxItems" && error.validation[0].instancePath === "/deals") {
      return new Problem(400, SERVICE.tooManyDeals, `at most ${S.SETTLE_MANY_BODY.properties.deals.maxItems} deals in one request; send the rest in another`, { field: "deals" });
    }
    return new Problem(400, SERVICE.badRequest, `the request does not have the shape this endpoint takes: ${error.message}`, fieldOf(error));
  }
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new Problem(413, SERVICE.bodyTooLarge, `the body is larger than this service takes (${error.message})`);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new Problem(415, SERVICE.unsupportedMediaType, "send the body as application/json");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new Problem(400, SERVICE.badRequest, `the body is not JSON this service takes: ${error.message}`);
    case "FST_ERR_BAD_URL":
      return new Problem(400, SERVICE.badRequest, `the path is not a valid URL: ${error.message}`);
    case "FST_ERR_MAX_PARAM_LENGTH":
      return new Problem(404, SERVICE.notFound, "a path parameter is longer than any id or date this service gives");
  }
  if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) return new Problem(error.statusCode, SERVICE.badRequest, error.message);
  return asProblem(error);
}

function fieldOf(error: FastifyError): { field?: string } {
  const v = error.validation?.[0];
  if (v === undefined) return {};
  const path = v.instancePath.replace(/^\//, "").replace(/\//g, ".");
  const missing = (v.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ?? (v.params as { additionalProperty?: string }).additionalProperty;
  const field = [path, missing].filter((s) => s !== undefined && s !== "").join(".");
  return field === "" ? {} : { field };
}

/** Reads and drops the rest of a request body: until its end, `maxBytes` more, or `maxMs`, whichever comes first (a lingering close). */
function drain(body: IncomingMessage, maxBytes: number, maxMs: number): Promise<void> {
  if (body.complete || body.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      body.off("data", onData).off("end", done).off("error", done).off("close", done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) done();
    };
    const timer = setTimeout(done, maxMs);
    body.on("data", onData).once("end", done).once("error", done).once("close", done);
    body.resume();
  });
}

function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  // RFC 6750: a 401 names the scheme the service takes.
  if (problem.status === 401) reply.header("www-authenticate", "Bearer");
  return reply.code(problem.status).type("application/problem+json").send(problem.body());
}
