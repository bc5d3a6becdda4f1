/**
 * What the Inputs and Events panels share: both edit the same inputs
 * table, and both are drawn only while shown (hundreds of fields need not
 * be built at page load), catching up when they become visible.
 */
import type { DealSummary } from "../../src/editor/analyze.ts";
import type { InputsTable } from "../state/inputs-table.ts";

export abstract class TablePanel {
  protected state: InputsTable = { columns: [], rows: [], events: [] };
  protected summary: DealSummary = { inputs: [], events: [], periodStarts: [] };
  private visible = false;
  private dirty = true;

  /** Shows a table (after loading an example, a paste, or a change of declared inputs). */
  setTable(table: InputsTable, summary: DealSummary): void {
    this.state = table;
    this.summary = summary;
    this.draw();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.dirty) this.draw();
  }

  /** Takes the other panel's edits of the same state, without redrawing. */
  sync(table: InputsTable): void {
    this.state = table;
  }

  protected draw(): void {
    this.dirty = !this.visible;
    if (this.visible) this.render();
  }

  protected abstract render(): void;
}
