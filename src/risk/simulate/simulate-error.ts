/** A simulation that cannot go on: a TN62xx code, the model field (or option) it is about, and why. */
export class SimulateError extends Error {
  constructor(
    readonly code: string,
    /** The model field (`inputs.sold_hours`) or run option (`scenarios`) at fault. */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "SimulateError";
  }
}
