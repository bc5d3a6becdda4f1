/** TN50xx: the settlement service (`tenor serve`): requests that are not what the API takes, or that would rewrite what is stored. */
export const SERVICE = {
  /** The body is not JSON, or not of the shape the endpoint takes (the message names the field). */
  badRequest: "TN5001",
  /** No deal has that id. */
  unknownDeal: "TN5002",
  /** The body is larger than the service's limit. */
  bodyTooLarge: "TN5003",
  /** No such endpoint, or a method it does not take. */
  notFound: "TN5004",
  /** The period start is not the start of a period of the deal's term. */
  unknownPeriod: "TN5005",
  /** Period data must arrive in order: the previous period has no data yet. */
  periodOutOfOrder: "TN5006",
  /** The period's data is stored already, different: stored data is never overwritten (a correction is a new version). */
  periodDataConflict: "TN5007",
  /** An amendment may take effect only from a period start not settled yet. */
  amendmentTooLate: "TN5008",
  /** The Idempotency-Key was used before for another request. */
  idempotencyKeyReused: "TN5009",
  /** A write that creates something needs an Idempotency-Key header. */
  idempotencyKeyMissing: "TN5010",
  /** The term sheet sent did not check (the diagnostics are in the problem). */
  sourceErrors: "TN5011",
  /** Too many deals in one request. */
  tooManyDeals: "TN5012",
  /** The content type is not application/json. */
  unsupportedMediaType: "TN5013",
  /** The request carries no valid key or token (Authorization: Bearer …). */
  unauthenticated: "TN5014",
  /** The key or token is valid, but its role may not do this. */
  forbidden: "TN5015",
  /** Too many requests from one key in a short time. */
  rateLimited: "TN5016",
  /** The amendment proposal is not open (adopted already, or unknown). */
  proposalClosed: "TN5017",
  /** The service failed in a way it did not foresee (a bug in Tenor; the log has it). */
  internal: "TN5099",
} as const;
