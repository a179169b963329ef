/** GS1 character set 82: what serial numbers (AI 21) and lots (AI 10) may hold. */
const CSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;

/** Whether every character of `text` is one GS1 codes may carry (and `text` is not empty). */
export function inGs1CharacterSet(text: string): boolean {
  return CSET_82.test(text);
}
