/** TN40xx: compiled terms — loading an artifact, and snapshots of incremental settlement. */
export const COMPILE = {
  /** The artifact is not JSON, or not an object. */
  artifactNotJson: "TN4001",
  /** The JSON is not a Tenor terms artifact (`format` is not "tenor-terms", or a part is missing). */
  notAnArtifact: "TN4002",
  /** The artifact's format version is not one this runtime reads. */
  unsupportedFormatVersion: "TN4003",
  /** The IR does not match its SHA-256, or the header does not match the IR: the artifact was altered. */
  artifactTampered: "TN4004",
  /** A snapshot is malformed, of an unknown version, or of other terms. */
  invalidSnapshot: "TN4005",
  /** The period given to incremental settlement is not the one after the snapshot's. */
  wrongNextPeriod: "TN4006",
  /**
   * The artifact is intact but not one a compiler writes: a field of the
   * wrong shape, a name or slot that does not resolve, an operator on the
   * wrong kinds, nesting past the limit. The message names the JSON path.
   */
  artifactInvalid: "TN4007",
} as const;
