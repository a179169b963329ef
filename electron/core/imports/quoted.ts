import { withThousands } from '../../../shared/domain/counted.js';

/** A header or value quoted in a message, cut short: a wrong file's "header" can be megabytes long. */
export function quoted(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${withThousands(text.length)} characters)`;
}
