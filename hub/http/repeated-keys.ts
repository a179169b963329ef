/**
 * A JSON key given twice in one object (`{"quantity":1,"quantity":5}`): JSON.parse keeps the last
 * silently, so which value the sender meant is not known. Found by scanning the text JSON.parse has
 * already accepted, without recursion (a deeply nested body must not overflow the stack).
 */

type Frame = { kind: 'object'; keys: Set<string>; key: string; expectingKey: boolean } | { kind: 'array'; index: number };

/** Index just past the string literal opening at `start` (`text[start]` is `"`). */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    // An even run of backslashes escapes itself, not the quote.
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** The path to the first key repeated within one object (the key last), or undefined when none is. */
export function firstRepeatedKey(json: string): (string | number)[] | undefined {
  const stack: Frame[] = [];
  let at = 0;
  while (at < json.length) {
    const char = json[at];
    if (char === '"') {
      const end = stringEnd(json, at);
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.expectingKey) {
        const literal = json.slice(at, end);
        // Compared as decoded: "\u0071uantity" is "quantity".
        const key = literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1);
        if (top.keys.has(key)) return [...stack.slice(0, -1).map((frame) => (frame.kind === 'object' ? frame.key : frame.index)), key];
        top.keys.add(key);
        top.key = key;
        top.expectingKey = false;
      }
      at = end;
      continue;
    }
    const top = stack.at(-1);
    if (char === '{') stack.push({ kind: 'object', keys: new Set(), key: '', expectingKey: true });
    else if (char === '[') stack.push({ kind: 'array', index: 0 });
    else if (char === '}' || char === ']') stack.pop();
    else if (char === ',' && top !== undefined) {
      if (top.kind === 'object') top.expectingKey = true;
      else top.index++;
    }
    at++;
  }
  return undefined;
}
