/**
 * The page address as the state's home: after every edit (debounced) the
 * whole state is written into the URL fragment with history.replaceState,
 * so reloading, bookmarking or copying the address keeps the work. "Share
 * link" writes it at once and offers it in a dialog, copied if allowed.
 */
import { decodeState, encodeState } from "../state/share.ts";
import type { SharedState } from "../state/share.ts";

const DEBOUNCE_MS = 300;

export class ShareLink {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly current: () => SharedState,
    /** Called after each write (the page clears its example label once the state is edited). */
    private readonly written: () => void,
    /** A state arrived through the address (a link pasted into this tab). */
    onNavigate: (state: SharedState) => void,
  ) {
    window.addEventListener("hashchange", () => {
      void decodeState(location.hash).then((state) => {
        if (state !== null) onNavigate(state);
      });
    });
  }

  /** Writes the state into the address shortly after the last change. */
  schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writing = this.write();
    }, DEBOUNCE_MS);
  }

  private async write(): Promise<void> {
    // replaceState fires no hashchange: the page does not reload its own state.
    history.replaceState(null, "", await encodeState(this.current()));
    this.written();
  }

  /** Writes now and shows the link in `dialog` (with `field` and `note` inside it). */
  async share(dialog: HTMLDialogElement, field: HTMLInputElement, note: HTMLElement): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.writing;
    await this.write();
    field.value = location.href;
    note.textContent = "";
    dialog.showModal();
    field.select();
    try {
      await navigator.clipboard.writeText(location.href);
      note.textContent = "Copied to the clipboard.";
    } catch {
      note.textContent = "Copy the link above (Ctrl+C).";
    }
  }
}
