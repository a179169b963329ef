/**
 * The text node of an alert's words (its ⚠, hidden from screen readers, left out). A refusal is
 * announced again when it is put in anew: a new node, not the same one left unchanged in the page.
 */
export function alertWords(alert: Element | null | undefined): Node | null {
  if (!alert) return null;
  const walker = document.createTreeWalker(alert, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.textContent?.trim() && !node.parentElement?.closest('[aria-hidden=true]')) return node;
  }
  return null;
}
