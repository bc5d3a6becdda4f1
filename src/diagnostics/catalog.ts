/**
 * Every diagnostic code Tenor emits, merged from the per-phase catalogs.
 * Codes are stable: once published, a code keeps its meaning forever.
 */
import { PARSE } from "./codes/parse.ts";
import { CHECK } from "./codes/check.ts";
import { RUN } from "./codes/run.ts";
import { INPUT } from "./codes/input.ts";
import { COMPILE } from "./codes/compile.ts";
import { SERVICE } from "./codes/service.ts";
import { DIFF } from "./codes/diff.ts";
import { SIMULATE } from "./codes/simulate.ts";
import { BOUND } from "./codes/bound.ts";

export { PARSE, CHECK, RUN, INPUT, COMPILE, SERVICE, DIFF, BOUND };

/** All catalogs, for the uniqueness test and the documentation. */
export const CATALOGS = { PARSE, CHECK, RUN, INPUT, COMPILE, SERVICE, DIFF, SIMULATE, BOUND } as const;
