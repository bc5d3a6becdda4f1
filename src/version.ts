/** Tenor's version: package.json's, the one place it is written. */
import pkg from "../package.json" with { type: "json" };

export const TENOR_VERSION: string = pkg.version;
