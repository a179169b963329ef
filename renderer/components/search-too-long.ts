/** A search longer than the core takes is refused at its box, in words, rather than with the core's code words. */
import { SEARCH_TEXT_MAX } from '../../shared/contract/schemas.js';
import { formatCount } from './format-count.js';

/** Why `text` cannot be searched (longer than the core takes, trimmed as the core trims it), or null; `notSearched` says what is not done. */
export function searchTooLongWords(text: string, notSearched: string): string | null {
  const length = text.trim().length;
  if (length <= SEARCH_TEXT_MAX) return null;
  return `A search is at most ${formatCount(SEARCH_TEXT_MAX)} characters; this one has ${formatCount(length)}, so ${notSearched}.`;
}
