/**
 * A refusal said after a save sent in chunks (MAX_ALLOCATIONS_PER_SAVE): the chunks before the
 * refused call are saved by then, so "nothing was saved" (the refused call's own words, the core's
 * or the dialog's) becomes "nothing more was saved", and what was saved is said.
 */
import { counted } from '../../../../shared/domain/counted.js';

export function refusalAfterChunks(message: string, sent: number): string {
  if (sent <= 0) return message;
  const said = message.replace(/\b([Nn])othing was saved\b/g, (_, n: string) => `${n}othing more was saved`);
  const before = sent === 1 ? 'The first changed box was saved before this.' : `The first ${counted(sent, 'changed box was', 'changed boxes were')} saved before this.`;
  return `${said} ${before}`;
}
