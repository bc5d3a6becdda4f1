/**
 * Writes the "Who may do what" table of docs/service.md from the rules the
 * service enforces (src/service/auth/roles.ts rulesTable()), between its
 * two markers. test/service/auth/rules-doc.test.ts fails when it is stale.
 * Run: npx tsx scripts/rules-table.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { RULES_BEGIN, RULES_END, rulesTable } from "../src/service/auth/roles.ts";

const file = new URL("../docs/service.md", import.meta.url);
const doc = readFileSync(file, "utf8");
const start = doc.indexOf(RULES_BEGIN);
const end = doc.indexOf(RULES_END);
if (start < 0 || end < start) throw new Error(`docs/service.md has no ${RULES_BEGIN} … ${RULES_END}`);
writeFileSync(file, `${doc.slice(0, start + RULES_BEGIN.length)}\n${rulesTable()}${doc.slice(end)}`);
