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

/** The guide's bold and quoted phrases (one may run over a line break), outside `code`, in the guide's order, repeats kept. */
function phrasesInOrder(guide: string): string[] {
  const prose = guide.replace(/`[^`\n]*`/g, ' ');
  return [...prose.matchAll(/\*\*([^*]+)\*\*|"([^"]+)"/g)].map((m) => (m[1] ?? m[2]!).replace(/\s+/g, ' '));
}

/** The guide's bold and quoted phrases, each once. */
function guidePhrases(guide: string): string[] {
  return [...new Set(phrasesInOrder(guide))];
}

/** A section of the guide: from its heading to the next heading of the same level or above. */
function section(guide: string, heading: string): string {
  const start = guide.search(new RegExp(`^#+ ${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  if (start < 0) return '';
  const level = /^#+/.exec(guide.slice(start))![0].length;
  const rest = guide.slice(start).split('\n').slice(1).join('\n');
  const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return end < 0 ? rest : rest.slice(0, end);
}

/** Whether `steps` come in `phrases` in this order (others may come between them). */
function inOrder(phrases: readonly string[], steps: readonly string[]): string[] {
  let at = 0;
  const missing: string[] = [];
  for (const step of steps) {
    const found = phrases.indexOf(step, at);
    if (found < 0) missing.push(step);
    else at = found + 1;
  }
  return missing;
}

/**
 * Every state the header's sync status can say, as the app words it: the labels describeState
 * (renderer/components/sync/SyncStatus.tsx) gives, read from its source (each literal of its `label:`s).
 */
function syncStateLabels(): string[] {
  const code = readFileSync(join(REPO, 'renderer/components/sync/SyncStatus.tsx'), 'utf8');
  const body = code.slice(code.indexOf('function describeState('), code.indexOf('\n}\n', code.indexOf('function describeState(')));
  return [...body.matchAll(/label:\s*([^\n]*?),\s*detail\b/g)].flatMap((m) => [...m[1]!.matchAll(/'([^']+)'/g)].map((l) => l[1]!));
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

  // The walk-through of the job the bench started from (the "Pre Entered Serial Numbers" help article),
  // step by step in the article's order, named in the app's words (each checked below as any phrase is).
  it('walks a new packer through the job in the order the article does, in the app\'s words', () => {
    const steps = phrasesInOrder(section(guide, 'Step by step: from serial numbers to dispatch'));
    expect(
      inOrder(steps, [
        'Products',
        'Search',
        'Dispatch Identifier Mode',
        'Pre Entered Product Serial Numbers (Single Use)',
        'Pre Entered Product Serial Numbers (Multiple Use)',
        'Set Mode',
        'Manually Update Serial Numbers',
        'Save Changes',
        'Serial numbers saved',
        'OK',
        'Change Stock Level',
        'Serial numbers for the new units',
        'Order Dispatch',
        'Actions',
        'Dispatch Identifiers',
        'Allocate Dispatch Identifiers',
        'Save Changes',
        'Dispatch identifiers saved',
        'OK',
        // One order on its own.
        'Details / Ready',
        'Complete Order',
        'Dispatch identifiers needed',
        'Add',
        'Save Changes',
        'OK',
        'Complete Order',
      ]),
    ).toEqual([]);
  });

  it('names every sync state the header can show, in its own words, in the sync section', () => {
    const labels = syncStateLabels();
    expect(labels).toEqual(expect.arrayContaining(['Syncing…', 'Up to date', 'Offline, retrying', 'Hub failing, retrying', 'Sync needs attention']));
    const named = new Set(phrasesInOrder(section(guide, 'Sync with a hub')));
    expect(labels.filter((label) => !named.has(label))).toEqual([]);
  });

  it.each(phrases)('"%s" is in the app as written', (phrase) => {
    // "Select all N matching orders": the count comes in place of N (the label reads so before it is known).
    const words = phrase.replace(/ N /g, ' ');
    const asWords = new RegExp(`(^|[^\\w])${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w])`);
    expect(texts.filter((text) => asWords.test(text)), `"${words}" in the app's texts`).not.toEqual([]);
  });
});
