/**
 * A count in words for messages: "1 box", "2 boxes", "1 line needs", "3 lines need". Packers read
 * refusals aloud from screen readers; "box(es)" is neither.
 */
export function counted(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}
