/**
 * Entry point. The analysis worker starts first, on the initial state (a
 * shared link's, or the default example), so Tenor's parser loads and
 * analyses while Monaco — by far the larger download — is still loading.
 * Then the editor and panels (app.ts) are loaded and take over.
 */
import "./style.css";
import { AnalysisClient } from "./analysis/client.ts";
import { DEFAULT_EXAMPLE, EXAMPLES } from "./state/examples.ts";
import { tableFromInputsJson, tableToInputsJson } from "./state/inputs-table.ts";
import { decodeState } from "./state/share.ts";

const client = new AnalysisClient();
// Fetching the editor starts now too; it runs once the first request is on its way.
const app = import("./app.ts");
const shared = await decodeState(location.hash);
const example = EXAMPLES.find((e) => e.id === DEFAULT_EXAMPLE) ?? EXAMPLES[0]!;
const initial = shared === null
  ? { source: example.source, inputs: example.inputs, exampleId: example.id }
  : { source: shared.source, inputs: shared.inputs, exampleId: null };
// The same request the page sends after every edit: the inputs go through the table model.
client.submit(initial.source, tableToInputsJson(tableFromInputsJson(initial.inputs)));

const { startApp } = await app;
startApp(client, initial);
