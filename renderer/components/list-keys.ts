/**
 * The keys that move between the rows of a list or grid (WAI-ARIA APG grid and listbox patterns):
 * Up/Down one row, Page Up/Down a page, Home/End the first and last row. Shared by the order list
 * and the product search results so they answer the same keys.
 */
export function rowAfterKey(key: string, index: number, count: number, pageRows: number): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'PageDown':
      return Math.min(last, index + Math.max(1, pageRows));
    case 'PageUp':
      return Math.max(0, index - Math.max(1, pageRows));
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** Whether a key press happens while the packer types into a text box (shortcuts must not fire). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}
