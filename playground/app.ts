/**
 * The Tenor playground: a term sheet in a Monaco editor, its data in a
 * table, and everything the CLI would say about them (markers, ledger,
 * tests), recomputed by the analysis worker after every edit. The whole
 * state lives in the URL fragment, so a link reproduces it.
 *
 * Loaded by main.ts once the analysis of the first state is under way.
 */
import type { editor } from "monaco-editor/editor";
import { monaco } from "./monaco/setup.ts";
import { registerTenor, TENOR_LANGUAGE } from "./monaco/language.ts";
import type { AnalysisClient, AnalysisEvent } from "./analysis/client.ts";
import type { AnalysisResult, DealSummary } from "../src/editor/analyze.ts";
import type { EditorMarker } from "../src/editor/markers.ts";
import { ledgerToCsv } from "../src/ledger/format-csv.ts";
import { EXAMPLES } from "./state/examples.ts";
import type { Example } from "./state/examples.ts";
import { tableFromInputsJson, tableToInputsJson, withDeclaredColumns } from "./state/inputs-table.ts";
import type { InputsTable } from "./state/inputs-table.ts";
import { LatencyTracker } from "./perf.ts";
import { ChartsPanel } from "./ui/charts-panel.ts";
import { ComparePanel } from "./ui/compare-panel.ts";
import { h } from "./ui/dom.ts";
import { downloadText } from "./ui/download.ts";
import { EnglishPanel } from "./ui/english-panel.ts";
import { EventsPanel } from "./ui/events-panel.ts";
import { InputsPanel } from "./ui/inputs-panel.ts";
import { LedgerPanel } from "./ui/ledger-panel.ts";
import type { LineSelection } from "./ui/ledger-panel.ts";
import { ProblemsPanel } from "./ui/problems-panel.ts";
import { ShareLink } from "./ui/share-link.ts";
import { Tabs } from "./ui/tabs.ts";
import { TestsPanel } from "./ui/tests-panel.ts";
import { RiskPanel } from "./ui/risk-panel.ts";
import { TracePanel } from "./ui/trace-panel.ts";

/** The first state, already submitted for analysis as version 1. */
export interface InitialState {
  readonly source: string;
  readonly inputs: string;
  readonly exampleId: string | null;
}

declare global {
  interface Window {
    /** Automation hook for the browser tests and scripts (see docs/playground.md). */
    tenorPlayground?: unknown;
  }
}

/** Builds the page around a started analysis client. */
export function startApp(client: AnalysisClient, initial: InitialState): void {
  performance.mark("tenor:app-start");
  const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

  const status = byId<HTMLElement>("status");
  const exampleSelect = byId<HTMLSelectElement>("example");
  const latency = new LatencyTracker();

  let table: InputsTable = tableFromInputsJson(initial.inputs);
  let summary: DealSummary = { inputs: [], events: [], periodStarts: [] };
  let selectedClause: string | null = null;
  let exampleId: string | null = initial.exampleId;
  let appliedVersion = 0;

  // ------------------------------------------------------------ editor

  registerTenor(async (model) => {
    const result = await client.resultFor(client.currentVersion);
    return result !== null && model === editorModel ? result.index : null;
  });

  const editorModel = monaco.editor.createModel(initial.source, TENOR_LANGUAGE, monaco.Uri.parse("file:///term-sheet.tenor"));
  const editorElement = byId<HTMLElement>("editor");
  const codeEditor = monaco.editor.create(editorElement, {
    model: editorModel,
    theme: "tenor-light",
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    lineNumbersMinChars: 3,
    scrollBeyondLastLine: false,
    renderWhitespace: "none",
    tabSize: 2,
    insertSpaces: true,
    ariaLabel: "Term sheet (Tenor). Press Ctrl+M to let Tab move the focus.",
    fixedOverflowWidgets: true,
  });
  performance.mark("tenor:editor-created");
  const clauseHighlight = codeEditor.createDecorationsCollection();
  // Key events stamp the start of an edit, for the latency figures.
  editorElement.addEventListener("keydown", (e) => latency.noteKey(e.timeStamp), true);

  editorModel.onDidChangeContent(() => submit());

  // ------------------------------------------------------------ panels

  const ledgerPanel = new LedgerPanel(selectLine);
  const tracePanel = new TracePanel(revealName);
  const inputsPanel = new InputsPanel((t) => {
    table = t;
    eventsPanel.sync(t);
    submit();
  });
  const eventsPanel = new EventsPanel((t) => {
    table = t;
    inputsPanel.sync(t);
    submit();
  });
  const chartsPanel = new ChartsPanel();
  const englishPanel = new EnglishPanel();
  const comparePanel = new ComparePanel({
    keep: () => { client.keep(editorModel.getValue()); submit(); },
    restore: () => { if (client.keptSource !== null) editorModel.setValue(client.keptSource); },
    stop: () => { client.keep(null); submit(); },
  });
  const testsPanel = new TestsPanel((line) => revealPosition(line, 1));
  const problemsPanel = new ProblemsPanel(revealPosition);
  const riskPanel = new RiskPanel();
  for (const panel of [inputsPanel.element, eventsPanel.element]) {
    panel.addEventListener("keydown", (e) => latency.noteKey(e.timeStamp), true);
  }

  const tabs = new Tabs("Results", [
    { id: "ledger", label: "Ledger", panel: h("div", { class: "ledger-tab" }, ledgerPanel.element, tracePanel.element) },
    { id: "english", label: "English", panel: englishPanel.element },
    { id: "compare", label: "Compare", panel: comparePanel.element },
    { id: "inputs", label: "Inputs", panel: inputsPanel.element },
    { id: "events", label: "Events", panel: eventsPanel.element },
    { id: "charts", label: "Charts", panel: chartsPanel.element },
    { id: "tests", label: "Tests", panel: testsPanel.element },
    { id: "problems", label: "Problems", panel: problemsPanel.element },
    { id: "risk", label: "Risk", panel: riskPanel.element },
  ], (id) => {
    inputsPanel.setVisible(id === "inputs");
    eventsPanel.setVisible(id === "events");
    chartsPanel.setVisible(id === "charts");
    englishPanel.setVisible(id === "english");
  });
  byId<HTMLElement>("results").appendChild(tabs.element);

  // ------------------------------------------------------------ toolbar

  for (const ex of EXAMPLES) exampleSelect.appendChild(h("option", { value: ex.id }, ex.title));
  exampleSelect.appendChild(h("option", { value: "", disabled: true }, "(edited)"));
  exampleSelect.addEventListener("change", () => {
    const ex = EXAMPLES.find((e) => e.id === exampleSelect.value);
    if (ex !== undefined) loadExample(ex);
  });
  byId<HTMLButtonElement>("share").addEventListener("click", () => {
    void link.share(byId<HTMLDialogElement>("share-dialog"), byId<HTMLInputElement>("share-url"), byId<HTMLElement>("share-note"));
  });
  byId<HTMLButtonElement>("download-csv").addEventListener("click", () => {
    const ledger = ledgerPanel.shownLedger;
    if (ledger !== null) downloadText(`${exampleId ?? "term-sheet"}.ledger.csv`, ledgerToCsv(ledger), "text/csv");
  });
  byId<HTMLButtonElement>("download-json").addEventListener("click", () => {
    const json = ledgerPanel.ledgerJson;
    if (json !== null) downloadText(`${exampleId ?? "term-sheet"}.ledger.json`, json, "application/json");
  });

  // ------------------------------------------------------------ state

  function submit(): void {
    const version = client.submit(editorModel.getValue(), tableToInputsJson(table));
    latency.noteSubmit(version);
    link.schedule();
  }

  function loadState(source: string, inputs: string, id: string | null): void {
    exampleId = id;
    exampleSelect.value = id ?? "";
    table = tableFromInputsJson(inputs);
    inputsPanel.setTable(table, summary);
    eventsPanel.setTable(table, summary);
    tracePanel.clear();
    ledgerPanel.clearSelection();
    clauseHighlight.clear();
    selectedClause = null;
    if (editorModel.getValue() === source) submit();
    else editorModel.setValue(source); // submits through onDidChangeContent
  }

  function loadExample(ex: Example): void {
    loadState(ex.source, ex.inputs, ex.id);
  }

  function markerSeverity(m: EditorMarker): monaco.MarkerSeverity {
    return m.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning;
  }

  function toMonacoMarker(m: EditorMarker): editor.IMarkerData {
    return {
      severity: markerSeverity(m),
      message: m.message,
      code: m.code,
      source: "tenor",
      startLineNumber: m.startLineNumber,
      startColumn: m.startColumn,
      endLineNumber: m.endLineNumber,
      endColumn: m.endColumn,
      // Places in imported files (the bundled stdlib) have no model of their own here.
      relatedInformation: m.related.filter((r) => r.file === undefined).map((r) => ({ resource: editorModel.uri, message: r.message, startLineNumber: r.startLineNumber, startColumn: r.startColumn, endLineNumber: r.endLineNumber, endColumn: r.endColumn })),
    };
  }

  function applyResult({ result, explain, explainFailure, compare, millis, bound }: AnalysisEvent): void {
    riskPanel.show(bound);
    monaco.editor.setModelMarkers(editorModel, "tenor", result.markers.map(toMonacoMarker));
    ledgerPanel.show(result.ledger, result.ledgerJson, staleReason(result));
    updateSummary(result.summary);
    inputsPanel.setProblems(result.problems.filter((p) => p.phase === "inputs"));
    testsPanel.show(result.tests);
    problemsPanel.show(result.problems);
    chartsPanel.update(result);
    englishPanel.show(result.version, explain, explainFailure !== null
      ? `The explanation failed: ${explainFailure}`
      : result.failure === "source" ? "The term sheet has errors (see Problems); the explanation shown is the last one made." : null);
    comparePanel.show(result.version, compare);
    comparePanel.setCanKeep(result.failure !== "source");
    const errors = result.problems.filter((p) => p.severity === "error").length;
    const warnings = result.problems.length - errors;
    const passed = result.tests?.filter((t) => t.passed).length ?? 0;
    tabs.setLabel("tests", result.tests === null ? "Tests" : `Tests ${passed}/${result.tests.length}`);
    tabs.setLabel("problems", `Problems ${result.problems.length}`);
    status.textContent = [
      errors === 0 ? "✓ no errors" : `✗ ${errors} error${errors === 1 ? "" : "s"}`,
      warnings > 0 ? `${warnings} warning${warnings === 1 ? "" : "s"}` : null,
      result.ledger === null ? null : `${result.ledger.periods.length} periods settled`,
      `${Math.round(millis)} ms`,
    ].filter((x) => x !== null).join(" · ");
    appliedVersion = result.version;
    document.body.dataset["analyzedVersion"] = String(result.version);
    latency.noteApplied(result.version, millis);
  }

  function staleReason(result: AnalysisResult): string | null {
    switch (result.failure) {
      case null: return null;
      case "source": return "The term sheet has errors (see Problems); the ledger shown is the last one computed.";
      case "inputs": return "The inputs have errors (see Inputs); the ledger shown is the last one computed.";
      case "runtime": return `The run stopped: ${result.problems.find((p) => p.phase === "run")?.message ?? "a run-time error"}`;
    }
  }

  /** New declared inputs or events redraw the data panels (not on every keystroke). */
  function updateSummary(next: DealSummary): void {
    const inputsChanged = JSON.stringify(next.inputs) !== JSON.stringify(summary.inputs);
    const eventsChanged = JSON.stringify(next.events) !== JSON.stringify(summary.events) || next.periodStarts.length !== summary.periodStarts.length;
    summary = next;
    const withColumns = withDeclaredColumns(table, next.inputs.map((i) => i.name));
    if (withColumns !== table || inputsChanged) {
      table = withColumns;
      inputsPanel.setTable(table, summary);
      eventsPanel.sync(table);
    }
    if (eventsChanged) eventsPanel.setTable(table, summary);
  }

  // ------------------------------------------------------------ ledger ↔ editor

  function selectLine(selection: LineSelection, byUser: boolean): void {
    tracePanel.show(selection);
    selectedClause = selection.line.clause;
    // A redraw after an edit refreshes the explanation but leaves the editor where the user is.
    if (!byUser) return;
    const clause = client.latestResult?.index.clauses.find((c) => c.name === selection.line.clause);
    if (clause === undefined) return;
    const a = editorModel.getPositionAt(clause.range.start);
    const b = editorModel.getPositionAt(clause.range.end);
    const range = new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column);
    clauseHighlight.set([{ range, options: { className: "clause-highlight", isWholeLine: true, linesDecorationsClassName: "clause-gutter" } }]);
    codeEditor.revealRangeInCenterIfOutsideViewport(range);
  }

  function revealName(name: string): void {
    const symbols = client.latestResult?.index.symbols ?? [];
    const candidates = symbols.filter((s) => s.name === name && s.nameRange !== null);
    const symbol = candidates.find((s) => s.kind === "let" && s.container === selectedClause) ?? candidates.find((s) => s.kind !== "let") ?? candidates[0];
    if (symbol?.nameRange == null) return;
    const a = editorModel.getPositionAt(symbol.nameRange.start);
    const b = editorModel.getPositionAt(symbol.nameRange.end);
    codeEditor.setSelection(new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column));
    codeEditor.revealRangeInCenterIfOutsideViewport(new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column));
    codeEditor.focus();
  }

  function revealPosition(line: number, column: number): void {
    codeEditor.setPosition({ lineNumber: line, column });
    codeEditor.revealLineInCenterIfOutsideViewport(line);
    codeEditor.focus();
  }

  // ------------------------------------------------------------ share link

  const link = new ShareLink(
    () => ({ source: editorModel.getValue(), inputs: tableToInputsJson(table) }),
    () => {
      // Once the state differs from the example it came from, the menu says so.
      const ex = EXAMPLES.find((e) => e.id === exampleId);
      if (ex !== undefined && (ex.source !== editorModel.getValue() || tableToInputsJson(tableFromInputsJson(ex.inputs)) !== tableToInputsJson(table))) {
        exampleId = null;
        exampleSelect.value = "";
      }
    },
    (state) => loadState(state.source, state.inputs, null),
  );

  // ------------------------------------------------------------ automation hook (browser tests, scripts)

  window.tenorPlayground = {
    get version() { return client.currentVersion; },
    get appliedVersion() { return appliedVersion; },
    get firstResultAt() { return latency.firstResultAt; },
    latencies: latency.samples,
    markers: () => monaco.editor.getModelMarkers({ resource: editorModel.uri }).map((m) => ({
      line: m.startLineNumber, column: m.startColumn, endLine: m.endLineNumber, endColumn: m.endColumn,
      severity: m.severity === monaco.MarkerSeverity.Error ? "error" : "warning", code: m.code, message: m.message,
    })),
    source: () => editorModel.getValue(),
    inputsJson: () => tableToInputsJson(table),
    ledgerJson: () => client.latestResult?.ledgerJson ?? null,
    tokenize: (text: string) => monaco.editor.tokenize(text, TENOR_LANGUAGE).map((line) => line.map((t) => t.type)),
    editor: codeEditor,
  };

  // ------------------------------------------------------------ start

  exampleSelect.value = exampleId ?? "";
  inputsPanel.setTable(table, summary);
  eventsPanel.setTable(table, summary);
  // The first state was submitted by main.ts: its result (maybe already in) is applied now.
  client.connect(applyResult, (message) => {
    status.textContent = `Internal error in the analysis: ${message.split("\n")[0]}`;
    console.error(message);
  });
}
