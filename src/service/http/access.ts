/**
 * Who may reach what (issue 18): every route names its action
 * (`config: { action }`, ../auth/roles.ts RULES) or is public
 * (`config: { public: true }`: /health and /openapi.json only). Before the
 * body is read the caller is authenticated (401); before the body is
 * validated a deal it may not see is unknown to it (404, the very answer
 * of a deal that does not exist) and an action its role may not do is
 * refused (403). A route not found is authenticated too: without
 * credentials nothing, not even which paths exist, is told.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { SERVICE } from "../../diagnostics/codes/service.ts";
import type { Authenticator } from "../auth/authenticate.ts";
import { ACTION_TEXT, aRole, allowed, seesDeal, type Action, type Principal } from "../auth/roles.ts";
import type { Who } from "../audit.ts";
import { requestHash } from "../idempotency.ts";
import { Problem, unknownDeal } from "../problem.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** What the route does, as the rules name it. */
    action?: Action;
    /** Served without credentials. */
    public?: boolean;
  }
  interface FastifyRequest {
    /** Who is speaking (null only on public routes). */
    principal: Principal | null;
  }
}

/** The principal of a request that passed authentication. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new Error(`${request.method} ${request.url} reached a handler without a principal`);
  return request.principal;
}

export function guard(app: FastifyInstance, auth: Authenticator): void {
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (request) => {
    if (request.routeOptions.config.public === true) return;
    const who = await auth.authenticate(request.headers.authorization);
    if ("refused" in who) throw new Problem(401, SERVICE.unauthenticated, who.refused);
    request.principal = who;
  });
  app.addHook("preValidation", async (request) => {
    const action = request.routeOptions.config.action;
    if (request.routeOptions.config.public === true || action === undefined) return;
    const p = principalOf(request);
    const id = (request.params as { id?: unknown } | undefined)?.id;
    if (typeof id === "string" && !seesDeal(p, id)) throw unknownDeal(id);
    if (!allowed(p, action)) throw new Problem(403, SERVICE.forbidden, `${aRole(p.role)} key may not ${ACTION_TEXT[action]}`);
  });
}

/** Who the audit log says made a write: the key id or token subject, its role, and the hash of what it asked. */
export function whoOf(request: FastifyRequest): Who {
  const p = principalOf(request);
  return { actor: p.id, role: p.role, requestSha256: requestHash({ owner: "", key: "", method: request.method, path: request.url.split("?")[0]!, body: request.body ?? null }) };
}
