/**
 * The user guide names the app's own words: every **bold** or "quoted" phrase of README's user parts (as
 * Help shows them) is a button, label, heading, menu item or message of the app, word for word, so the
 * guide cannot name a button the app does not have ("Import" for "Import files"). Examples of messages
 * with numbers or "…" in them, values and words that are not the app's are left out, by rule or by name.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractUserGuide } from '../../scripts/user-guide.js';

const REPO = new URL('../../', import.meta.url).pathname;

/** Bold or quoted in the guide, but not the app's words: keys, emphasis, values, Excel's and a question's. */
const NOT_THE_APPS_WORDS = new Set([
  'F1',
  '?',
  'GS1 codes',
  'refused in its box at once',
  'SN-1',
  'SN-1 ',
  'CSV UTF-8 (Comma delimited)',
  'who got these identifiers',
  'This is product X, not Y',
]);

/**
 * The app's words: the string literals and JSX text of the renderer, the shared messages and the desktop
 * menu, comments left out (a comment naming a label is not the label). A literal that is one lower-case
 * word ('pull', 'added', 'other') is a value the code compares, not words the packer reads.
 */
function appTexts(): string[] {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) {
        const code = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
        for (const m of code.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) texts.push(m[0].slice(1, -1));
        for (const m of code.matchAll(/[>}]([^<>{}]+)[<{]/g)) texts.push(m[1]!);
      }
    }
  };
  for (const dir of ['renderer', 'shared', 'electron/shell']) walk(join(REPO, dir));
  // JSX breaks a sentence across lines: compare with runs of white space as one space.
  return texts.map((text) => text.replace(/\s+/g, ' ').trim()).filter((text) => text !== '' && !/^[a-z_]+$/.test(text));
}

/** The guide's bold and quoted phrases (one may run over a line break), outside `code`. */
function guidePhrases(guide: string): string[] {
  const prose = guide.replace(/`[^`\n]*`/g, ' ');
  const phrases = [...prose.matchAll(/\*\*([^*]+)\*\*|"([^"]+)"/g)].map((m) => (m[1] ?? m[2]!).replace(/\s+/g, ' '));
  return [...new Set(phrases)];
}

describe("the user guide's named labels", () => {
  const texts = appTexts();
  const guide = extractUserGuide(readFileSync(join(REPO, 'README.md'), 'utf8'));
  const phrases = guidePhrases(guide)
    .filter((phrase) => !NOT_THE_APPS_WORDS.has(phrase))
    // A message's example ("Showing 100 of 250 open conflicts", "Checked … of … boxes") is not its source text.
    .filter((phrase) => !/[0-9…]/.test(phrase));

  it('finds the phrases it checks', () => {
    expect(phrases).toEqual(expect.arrayContaining(['Save Changes', 'Complete Order', 'Load demo data', 'Show more']));
  });

  it.each(phrases)('"%s" is in the app as written', (phrase) => {
    // "Select all N matching orders": the count comes in place of N (the label reads so before it is known).
    const words = phrase.replace(/ N /g, ' ');
    const asWords = new RegExp(`(^|[^\\w])${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w])`);
    expect(texts.filter((text) => asWords.test(text)), `"${words}" in the app's texts`).not.toEqual([]);
  });
});
