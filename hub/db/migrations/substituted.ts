/**
 * A stored function's next version as its previous text with checked substitutions (migrations 0017+
 * derive push_set this way), so each migration shows only what it changes.
 */
export type Substitution = readonly [from: string, to: string];

/** `source` with each `from` (which must occur exactly once) replaced; `what` names the text in the error. */
export function substituted(what: string, source: string, substitutions: readonly Substitution[]): string {
  let text = source;
  for (const [from, to] of substitutions) {
    if (text.split(from).length !== 2) throw new Error(`${what} not as expected (${from.trim().slice(0, 60)}…)`);
    text = text.replace(from, () => to);
  }
  return text;
}
