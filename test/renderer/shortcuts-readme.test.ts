/**
 * The F1 "Keyboard shortcuts" list and README's key table say the same: every README row is an F1 row
 * word for word, in the same order, and F1 has no row README lacks (a README "where" is an F1 group's
 * title), so neither can drift from the other. Every key README's "order list" rows name for the list
 * itself is in F1's order list and in the list's screen-reader description (one definition,
 * order-list-keys.ts) — including Shift with every key that moves, which extends the selection.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHORTCUT_GROUPS } from '../../renderer/app/ShortcutsHelp.js';
import { describeOrderListKeys } from '../../renderer/screens/orders/list/order-list-keys.js';

/** README's key table: [where, keys, what] per row, Markdown backticks and bold dropped. */
function readmeKeyRows(): Array<[where: string, keys: string, what: string]> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('## Keyboard and scanner'));
  const rows = table.slice(table.indexOf('| where |'), table.indexOf('\n\n', table.indexOf('| where |'))).split('\n').slice(2);
  return rows.map((line) => {
    const [, where, keys, what] = line.split('|').map((cell) => cell.trim().replace(/`|\*\*/g, ''));
    return [where!, keys!, what!];
  });
}

const sameWords = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const groupKeys = (title: string) => SHORTCUT_GROUPS.find((group) => sameWords(group.title, title))?.keys ?? [];

describe('F1 and README', () => {
  it("has README's every row in F1 in the same words and order, and no F1 row README lacks", () => {
    const lower = (rows: ReadonlyArray<readonly [string, string, string]>) => rows.map((row) => row.map((cell) => cell.toLowerCase()).join(' | '));
    const f1 = SHORTCUT_GROUPS.flatMap((group) => group.keys.map(([keys, what]) => [group.title, keys, what] as const));
    expect(lower(f1)).toEqual(lower(readmeKeyRows()));
  });

  it.each([
    ['serial grid', 'scan, or type and Enter (or Tab)'],
    ['serial grid', 'Ctrl+V of a column (one value a row) or of one row of cells'],
    ['serial grid', 'a scan into a box an order uses (read only)'],
    ['order list', 'in "Search orders": Enter, or a scan ending in Enter or Tab'],
    ['order list', 'in "Search orders": Down'],
    ['product search', 'Enter, or a scan ending in Enter or Tab, in the search box'],
    ['identifier lookup', 'in the Identifier box: Enter, or a scan ending in Enter or Tab'],
  ])('lists the %s\'s "%s" in F1 (what the keys do there)', (where, keys) => {
    expect(groupKeys(where).map(([f1Keys]) => f1Keys.toLowerCase())).toContain(keys.toLowerCase());
  });

  it('says in the order search\'s row that a scan\'s AIM prefix is dropped and that a scanned number no order has, or a GS1 code, is refused in words', () => {
    const what = (rows: ReadonlyArray<readonly [string, string]>) => rows.find(([keys]) => sameWords(keys, 'in "Search orders": Enter, or a scan ending in Enter or Tab'))?.[1] ?? '';
    const readme = what(readmeKeyRows().filter(([where]) => where === 'order list').map(([, keys, words]) => [keys, words] as const));
    for (const words of [readme, what(groupKeys('order list'))]) {
      expect(words).toContain("a scanner's AIM prefix, such as ]C0, is dropped");
      expect(words).toContain('a scanned number no order has and no order matches, or a scanned GS1 code, is refused in words and beeped (a typed one is only a search)');
    }
  });

  it('names every key of the order list in F1 and in the list description, Shift+Page Up / Down and Shift+Home / End included', () => {
    // The list's own keys: not the search box's, nor "Select all"'s (their rows quote a label).
    const keys = readmeKeyRows()
      .filter(([where, keys]) => where === 'order list' && !keys.includes('"'))
      .flatMap(([, keys]) => keys.split(/[,/]/).map((key) => key.trim()))
      .filter((key) => key !== '');
    // Shift with any key that moves the focus takes the rows between into the selection (OrderList.tsx).
    expect(keys).toEqual(expect.arrayContaining(['Shift+Up', 'Shift+Down', 'Shift+Page Up', 'Shift+Page Down', 'Shift+Home', 'Shift+End']));
    const f1 = groupKeys('order list').map(([f1Keys]) => f1Keys).join(' ; ');
    const description = describeOrderListKeys();
    for (const key of keys) {
      expect(f1, `F1 names ${key}`).toContain(key);
      expect(description, `the description names ${key}`).toContain(key);
    }
  });
});
