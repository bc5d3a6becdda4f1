/**
 * Charts of the ledger (chart.js, only the parts used): payments per
 * period stacked by clause; the cumulative paid under each cap against
 * the cap's amount (a constant of the checked program); each schedule's
 * rate over time (as the lines' traces report it). Sums are exact decimals; they become
 * JS numbers only as chart coordinates. Drawn only while the tab is shown;
 * chart.js itself is loaded the first time it is.
 */
import type { Chart, ChartConfiguration, ChartDataset } from "chart.js";
import type { AnalysisResult } from "../../src/editor/analyze.ts";
import type { CapSeries, ScheduleSeries } from "../../src/editor/series.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import type { Ledger, LedgerPeriod } from "../../src/ledger/ledger.ts";
import { h, replaceChildren } from "./dom.ts";

type ChartClass = typeof Chart;

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const HUNDRED = Decimal.ofInt(100);

/** A chart coordinate: the only place a decimal becomes a float. */
function coordinate(d: Decimal | string | null): number | null {
  if (d === null) return null;
  return Number(typeof d === "string" ? d : d.toString());
}

function parse(text: string): Decimal {
  return Decimal.parse(text) ?? Decimal.ZERO;
}

function clausePaid(p: LedgerPeriod, clause: string): Decimal {
  return p.lines.filter((l) => l.clause === clause).reduce((sum, l) => sum.add(parse(l.amount)), Decimal.ZERO);
}

function windowKey(cap: CapSeries, p: LedgerPeriod): number {
  return cap.window === "term" ? 0 : cap.window === "contract_year" ? p.contract_year : p.index;
}

export class ChartsPanel {
  readonly element: HTMLElement;
  private readonly payments = h("div", { class: "chart-box" });
  private readonly caps = h("div", { class: "chart-grid" });
  private readonly schedules = h("div", { class: "chart-grid" });
  private charts: Chart[] = [];
  private result: AnalysisResult | null = null;
  private drawn: AnalysisResult | null = null;
  private visible = false;
  private chartClass: ChartClass | null = null;
  private loading: Promise<void> | null = null;

  constructor() {
    this.element = h("div", { class: "charts-panel" },
      h("h3", {}, "Payments per period, by clause"), this.payments,
      h("h3", {}, "Cumulative paid against each cap"), this.caps,
      h("h3", {}, "Schedule rates over time"), this.schedules,
    );
  }

  /** Remembers the newest result with a ledger; draws it if the panel is shown. */
  update(result: AnalysisResult): void {
    if (result.ledger === null || result.series === null) return;
    this.result = result;
    if (this.visible) this.draw();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.draw();
  }

  private draw(): void {
    if (this.chartClass === null) {
      this.loading ??= import("./chart-lib.ts").then((lib) => {
        this.chartClass = lib.Chart;
        if (this.visible) this.draw();
      });
      return;
    }
    const result = this.result;
    if (result === null || result === this.drawn || result.ledger === null || result.series === null) return;
    this.drawn = result;
    for (const c of this.charts) c.destroy();
    this.charts = [];
    const ledger = result.ledger;
    const labels = ledger.periods.map((p) => p.start.slice(0, 7));
    this.drawPayments(ledger, labels);
    this.drawCaps(ledger, labels, result.series.caps);
    this.drawSchedules(labels, result.series.schedules);
  }

  private canvas(parent: HTMLElement, label: string, config: ChartConfiguration): void {
    const canvas = h("canvas", { role: "img", "aria-label": label });
    parent.appendChild(h("div", { class: "chart" }, canvas));
    this.charts.push(new this.chartClass!(canvas, config));
  }

  private drawPayments(ledger: Ledger, labels: string[]): void {
    replaceChildren(this.payments);
    const clauses: { clause: string; title: string }[] = [];
    for (const p of ledger.periods) for (const l of p.lines) if (!clauses.some((c) => c.clause === l.clause)) clauses.push({ clause: l.clause, title: l.title });
    if (clauses.length === 0) {
      this.payments.appendChild(h("p", { class: "muted" }, "No payments to chart."));
      return;
    }
    const datasets: ChartDataset<"bar">[] = clauses.map((c, i) => ({
      label: c.title,
      data: ledger.periods.map((p) => coordinate(clausePaid(p, c.clause))),
      backgroundColor: PALETTE[i % PALETTE.length],
      stack: "paid",
    }));
    this.canvas(this.payments, "Payments per period, stacked by clause", {
      type: "bar",
      data: { labels, datasets },
      options: chartOptions(`Paid (${ledger.currency})`, true),
    });
  }

  private drawCaps(ledger: Ledger, labels: string[], caps: readonly CapSeries[]): void {
    replaceChildren(this.caps);
    if (caps.length === 0) {
      this.caps.appendChild(h("p", { class: "muted" }, "No clause has a cap."));
      return;
    }
    caps.forEach((cap, i) => {
      let key = -1;
      let total = Decimal.ZERO;
      const cumulative = ledger.periods.map((p) => {
        const k = windowKey(cap, p);
        if (k !== key) {
          key = k;
          total = Decimal.ZERO;
        }
        total = total.add(clausePaid(p, cap.clause));
        return coordinate(total);
      });
      const capped = ledger.periods.map((p) => p.lines.some((l) => l.clause === cap.clause && l.capped));
      const color = PALETTE[i % PALETTE.length]!;
      const datasets: ChartDataset<"line">[] = [
        {
          label: `${cap.title}: paid${cap.window === "term" ? " (cumulative)" : cap.window === "contract_year" ? " in the contract year" : " in the period"}`,
          data: cumulative,
          borderColor: color,
          backgroundColor: color,
          pointRadius: capped.map((c) => (c ? 5 : 0)),
          pointStyle: "triangle",
        },
        // A cap that depends on the period's data has no constant amount to draw.
        ...(cap.amount === null ? [] : [{
          label: cap.text,
          data: ledger.periods.map(() => coordinate(cap.amount)),
          borderColor: "#d62728",
          borderDash: [6, 4],
          pointRadius: 0,
        }]),
      ];
      const box = h("div", { class: "chart-box" }, h("h4", {}, `${cap.title} — ${cap.text}`));
      this.caps.appendChild(box);
      this.canvas(box, `${cap.title}: paid against ${cap.text}; triangles mark capped lines`, {
        type: "line",
        data: { labels, datasets },
        options: chartOptions(ledger.currency, false),
      });
    });
  }

  private drawSchedules(labels: string[], schedules: readonly ScheduleSeries[]): void {
    replaceChildren(this.schedules);
    if (schedules.length === 0) {
      this.schedules.appendChild(h("p", { class: "muted" }, "No schedules."));
      return;
    }
    schedules.forEach((s, i) => {
      // A plain-number rate is shown as a percentage.
      const percent = s.unit === "";
      const data = s.values.map((v) => (v === null ? null : coordinate(percent ? parse(v).mul(HUNDRED) : v)));
      const unit = percent ? "%" : s.unit;
      const box = h("div", { class: "chart-box" }, h("h4", {}, `${s.name} (${unit})`));
      this.schedules.appendChild(box);
      this.canvas(box, `Schedule ${s.name} per period, in ${unit}`, {
        type: "line",
        data: { labels, datasets: [{ label: s.name, data, borderColor: PALETTE[i % PALETTE.length], pointRadius: 0, stepped: true }] },
        options: chartOptions(unit, false),
      });
    });
  }
}

function chartOptions(yTitle: string, stacked: boolean): ChartConfiguration["options"] {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: "index", intersect: false },
    plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
    scales: {
      x: { stacked, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
      y: { stacked, beginAtZero: true, title: { display: true, text: yTitle } },
    },
  };
}
