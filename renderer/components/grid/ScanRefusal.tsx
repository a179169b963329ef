/**
 * The grid's refusal line: the last refused scan, shown and announced (a live region) in the frame of
 * the key press. It holds its message itself, so a refusal re-renders this line (and the refused box),
 * not the whole list of boxes: that render was part of every refusal's frame, and the largest part of
 * the session's first, whose code runs cold.
 */
import { useSyncExternalStore } from 'react';

/**
 * The message on the line; `show('')` clears it. Every refusal shown is news, the same words again
 * included (a new key: the alert is put in anew, so it is announced again, as ErrorText's `again`);
 * clearing a clear line is not.
 */
export class RefusalLine {
  private shown = { message: '', key: 0 };
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  current = (): { message: string; key: number } => this.shown;

  show(message: string): void {
    if (message === '' && this.shown.message === '') return;
    this.shown = { message, key: message ? this.shown.key + 1 : this.shown.key };
    for (const listener of [...this.listeners]) listener();
  }
}

export function ScanRefusal({ line }: { line: RefusalLine }) {
  const { message, key } = useSyncExternalStore(line.subscribe, line.current);
  return (
    // Its line is kept while empty (see app.css), so a refusal moves nothing below it. The ⚠ sign is
    // drawn by the stylesheet, silent and laid out even while empty.
    <p key={key} className={message ? 'scan-refusal' : 'scan-refusal empty'} role="alert">
      {message}
    </p>
  );
}
