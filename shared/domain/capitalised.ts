/** Words as a sentence starts them: "the use-by date range ends before it starts" → "The use-by date …". */
export function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
