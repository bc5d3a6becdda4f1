/**
 * The JSON schemas of the API: Fastify validates every request with them,
 * and the OpenAPI document (`GET /openapi.json`) is generated from the very
 * same objects, so the documentation cannot drift from what is enforced.
 */
import { ROLES } from "../auth/roles.ts";

const date = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "an ISO date, YYYY-MM-DD" } as const;

export const PROBLEM = {
  $id: "Problem",
  type: "object",
  description: "RFC 9457 problem details: every refusal, with a stable TN code and the message the CLI prints",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    code: { type: "string", description: "TNxxxx (docs/language.md §16)" },
    detail: { type: "string" },
    period: { type: "string" },
    periodIndex: { type: "integer" },
    field: { type: "string" },
    clause: { type: "string" },
    diagnostics: { type: "array", items: { type: "object", additionalProperties: true } },
  },
  required: ["type", "title", "status", "code", "detail"],
} as const;

const termsProperties = {
  source: { type: "string", description: "a term sheet; `import … from \"stdlib/…\"` is served by the service" },
  files: { type: "object", additionalProperties: { type: "string" }, description: "files the sheet's relative imports name, by path" },
  artifact: { type: "object", additionalProperties: true, description: "an artifact of `tenor compile`" },
} as const;

export const DEAL_BODY = {
  type: "object",
  additionalProperties: false,
  properties: termsProperties,
  description: "exactly one of source and artifact",
} as const;

export const VERSION_BODY = {
  type: "object",
  additionalProperties: false,
  required: ["effective"],
  properties: { ...termsProperties, effective: { ...date, description: "the start of the first period the amendment governs" } },
} as const;

const EVENTS = { type: "array", maxItems: 10000, items: { type: "object", additionalProperties: true }, description: "the period's events: { date, event, args… } (an empty list: there were none)" } as const;

export const PERIOD_BODY = {
  type: "object",
  additionalProperties: false,
  required: ["inputs"],
  properties: {
    inputs: { type: "object", additionalProperties: true, description: "the period's inputs by name: decimal strings (docs/language.md §11)" },
    // Named so that an operator sending them hears whose they are (403), not that the field is unknown.
    events: { ...EVENTS, description: "not taken here: events are the counterparty's, PUT …/periods/:start/events" },
  },
} as const;

export const EVENTS_BODY = {
  type: "object",
  additionalProperties: false,
  required: ["events"],
  properties: { events: EVENTS },
} as const;

/** Text Postgres can store: no U+0000 (a query binding one fails inside the database, a 500). */
const storable = "^[^\\u0000]*$";

export const SETTLE_MANY_BODY = {
  type: "object",
  additionalProperties: false,
  required: ["deals"],
  properties: { deals: { type: "array", minItems: 1, maxItems: 1000, uniqueItems: true, items: { type: "string", maxLength: 100, pattern: storable } } },
} as const;

export const DEAL_PARAMS = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", maxLength: 100, pattern: storable, description: "the deal id POST /deals gave" } },
} as const;

export const PERIOD_PARAMS = {
  type: "object",
  required: ["id", "start"],
  properties: { ...DEAL_PARAMS.properties, start: { ...date, description: "the period's start date" } },
} as const;

export const PROPOSAL_PARAMS = {
  type: "object",
  required: ["id", "n"],
  properties: { ...DEAL_PARAMS.properties, n: { type: "string", pattern: "^[1-9][0-9]{0,8}$", description: "the proposal's number, as POST /deals/:id/versions gave it" } },
} as const;

export const LEDGER_QUERY = {
  type: "object",
  additionalProperties: false,
  properties: {
    format: { type: "string", enum: ["json", "csv"], default: "json" },
    // A string, not a boolean: types are not coerced (see app.ts), and a query string holds text.
    trace: { type: "string", enum: ["true", "false"], default: "true", description: "each line's trace in the JSON (as `tenor run`; false as `--no-trace`)" },
  },
} as const;

export const IDEMPOTENCY_HEADERS = {
  type: "object",
  properties: { "idempotency-key": { type: "string", minLength: 1, maxLength: 200, description: "a retried request with the same key changes nothing and gets the first answer" } },
} as const;

/** Responses every endpoint may give besides its own: problems. */
export const PROBLEMS = { "4xx": { $ref: "Problem#" }, "5xx": { $ref: "Problem#" } } as const;

/** A 2xx answer described for the document, not filtered (its fields are the handler's). */
export function answer(description: string) {
  return { description, type: "object", additionalProperties: true } as const;
}

export const KEY_BODY = {
  type: "object",
  additionalProperties: false,
  required: ["role"],
  properties: {
    role: { type: "string", enum: ROLES },
    deal: { type: "string", maxLength: 100, pattern: storable, description: "the deal the key speaks for (all roles but admin; optional for an auditor)" },
    party: { type: "string", maxLength: 100, pattern: storable, description: "the party of the deal it speaks for (operator, counterparty, counsel)" },
  },
} as const;

export const KEY_PARAMS = {
  type: "object",
  required: ["keyId"],
  properties: { keyId: { type: "string", maxLength: 100, pattern: storable, description: "the key's id (tnr_ID_…)" } },
} as const;
