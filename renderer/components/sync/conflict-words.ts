/**
 * What the conflicts panel says in its status after a conflict goes: acknowledged here, acknowledged
 * in another window of the bench, or closed by itself (a later sync made it moot). Sentences, read out whole.
 */
import type { SyncConflict } from '../../../shared/contract/api.js';
import { counted, withThousands } from '../../../shared/domain/counted.js';

/** Closed conflicts named one by one in a single announcement; more are counted ("and 3 more"). */
const CLOSED_NAMED = 3;

/** "2 open conflicts left." / "No open conflicts left." */
export function openLeft(openCount: number): string {
  return openCount === 0 ? 'No open conflicts left.' : `${counted(openCount, 'open conflict', 'open conflicts')} left.`;
}

/**
 * A push conflict's summary is the bench's own action ("Saving product X"): after "Acknowledged:" it
 * read as if the acknowledgement saved it. Said as what it is, the hub refusing that action and why;
 * a pull conflict's summary already names the change from the hub.
 */
export function acknowledgedSentence(conflict: Pick<SyncConflict, 'kind' | 'summary' | 'reason'>): string {
  // "A change from the hub to order SO-2" reads on after the colon: "Acknowledged: a change from…".
  if (conflict.kind === 'pull') return `Acknowledged: ${lowerFirst(conflict.summary)}.`;
  const reason = conflict.reason.trim().replace(/\.$/, '');
  return `Acknowledged: the hub refused ${lowerFirst(conflict.summary)}${reason ? ` (${reason})` : ''}.`;
}

/** "A conflict closed by itself: …." or "2 conflicts closed by themselves: …; …." */
export function closedSentence(summaries: readonly string[]): string {
  const named = namedClosed(summaries);
  return summaries.length === 1
    ? `A conflict closed by itself: ${named}.`
    : `${counted(summaries.length, 'conflict', 'conflicts')} closed by themselves: ${named}.`;
}

/**
 * Acknowledged by a person in another window of this bench (a browser mode tab, a second Electron
 * window): "A conflict was acknowledged in another window: …." or "2 conflicts were acknowledged in
 * another window: …; …."
 */
export function acknowledgedElsewhereSentence(summaries: readonly string[]): string {
  const named = namedClosed(summaries);
  return summaries.length === 1
    ? `A conflict was acknowledged in another window: ${named}.`
    : `${counted(summaries.length, 'conflict', 'conflicts')} were acknowledged in another window: ${named}.`;
}

/** The first CLOSED_NAMED summaries, then "and N more". */
function namedClosed(summaries: readonly string[]): string {
  // Semicolons: a summary may hold commas of its own ('Adding 2 identifiers to X ("A", "B")').
  const more = summaries.length - CLOSED_NAMED;
  return summaries.slice(0, CLOSED_NAMED).join('; ') + (more > 0 ? `; and ${withThousands(more)} more` : '');
}

/** "Saving product …" → "saving product …": a sentence's first word, mid-sentence (never an SKU or code, which follow it). */
function lowerFirst(text: string): string {
  return text.replace(/^[A-Z](?=[a-z ])/, (c) => c.toLowerCase());
}
