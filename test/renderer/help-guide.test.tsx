// @vitest-environment happy-dom
/**
 * The Help screen's Markdown: links read as links in paragraphs, lists and table cells; an in-page
 * link moves focus to its heading (ids made as GitHub makes them) without touching the address;
 * links to the repository's files, or out of the bench, are their words only. The README's user parts,
 * as Help shows them, carry no developer's words (commands, environment variables, source paths, API routes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { GuideView } from '../../renderer/screens/help/GuideView.js';
import { extractUserGuide } from '../../scripts/user-guide.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
let container: HTMLDivElement;
let root: Root;
beforeEach(() => ({ container, root } = mounted()));

const GUIDE = [
  '## Import',
  'See [the rule](#stock-from-a-catalogue-counts-not-changes) and [kinds](docs/identifier-kinds.md).',
  '',
  '- a [listed rule](#stock-from-a-catalogue-counts-not-changes), and [the web](https://example.com/x)',
  '',
  '| file | columns |',
  '| --- | --- |',
  '| `products.csv` | `sku` ([why](#stock-from-a-catalogue-counts-not-changes)); [lots](docs/identifier-kinds.md#lots-with-a-use-by-date) |',
  '',
  '### Stock from a catalogue: counts, not changes',
  'Counts win. A [gone heading](#layout) is only words.',
].join('\n');

const links = () => [...container.querySelectorAll('a')].map((a) => [a.textContent, a.closest('p, li, td')?.tagName]);

describe('the Help guide', () => {
  it('shows links as links in paragraphs, lists and table cells, never the Markdown', () => {
    act(() => root.render(<GuideView markdown={GUIDE} />));
    expect(container.textContent).not.toContain('](');
    expect(links()).toEqual([
      ['the rule', 'P'],
      ['listed rule', 'LI'],
      ['why', 'TD'],
    ]);
    expect([...container.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['file', 'columns']);
    // The repository's files and the web are not reachable from a packing bench: their words stay.
    expect(container.textContent).toContain('See the rule and kinds.');
    expect(container.textContent).toContain('and the web');
    expect(container.textContent).toContain('; lots');
    expect(container.textContent).toContain('A gone heading is only words.');
  });

  it('moves focus to the heading an in-page link names, leaving the address alone', () => {
    const address = window.location.href;
    act(() => root.render(<GuideView markdown={GUIDE} />));
    const link = [...container.querySelectorAll('a')].find((a) => a.textContent === 'why')!;
    act(() => link.click());
    const heading = document.activeElement!;
    expect(heading.tagName).toBe('H4') // a ### section within the ## one;
    expect(heading.textContent).toBe('Stock from a catalogue: counts, not changes');
    expect(heading.id).toMatch(/stock-from-a-catalogue-counts-not-changes$/);
    expect(window.location.href).toBe(address);
  });
});

/**
 * What only a developer or an integrator types or reads, never a packer or a manager: each is a shape
 * (not a list of today's words), so a new variable, script, source file or route is caught too.
 */
const DEVELOPER_WORDS: ReadonlyArray<readonly [string, RegExp]> = [
  ['an npm command', /\bnpm (run|start|install|test|ci)\b/],
  ['an environment variable', /\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b/],
  ['a source or script file', /\b[\w-]+\.(ts|tsx|mts|cts|js|mjs|cjs)\b/],
  ["a folder of the repository", /(^|[\s(`'"])(test|tests|shared|electron|renderer|hub|scripts|docs|src|dist)\/[\w.-]/],
  ['a command-line option', /(^|[\s(`])--(\s|[a-z])/],
  ['an HTTP route', /\b(GET|POST|PUT|PATCH|DELETE) \/|\/v\d+\//],
  ['a path in a home folder', /~\//],
];

describe("the README's user guide as Help shows it", () => {
  it('carries no developer words: commands, environment variables, source paths, options, API routes', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    act(() => root.render(<GuideView markdown={extractUserGuide(readme)} />));
    const shown = container.textContent ?? '';
    expect(shown).toContain('Keyboard and scanner'); // the guide itself is there
    const found = DEVELOPER_WORDS.flatMap(([what, pattern]) =>
      [...shown.matchAll(new RegExp(pattern.source, 'g'))].map(({ index: at }) => `${what}: …${shown.slice(Math.max(0, at - 40), at + 40)}…`),
    );
    expect(found).toEqual([]);
  });

  it('knows a developer word when it sees one, and leaves a packer\'s words alone', () => {
    const flagged = (text: string) => DEVELOPER_WORDS.some(([, pattern]) => pattern.test(text));
    for (const developers of ['run npm run bench -- sync', 'set BENCH_DATA_DIR', 'in shared/sync/bounds.ts', 'see test/e2e', 'POST /v1/stock-counts', 'with --progress', 'in ~/.config/x', 'INIT_CWD']) {
      expect(flagged(developers), developers).toBe(true);
    }
    for (const packers of ['products.csv columns sku,identifier_mode,stock_level', 'single_use, multiple_use', 'Ctrl+Shift+P', 'A4 or a 4×6-inch label', 'SN-0001..SN-0100 or SN-0001 +100', 'UTF-8, RFC 4180 — a BOM is fine', 'C0/C1, Code 128, GS1-128, (01)…(21)…', 'Cmd+,']) {
      expect(flagged(packers), packers).toBe(false);
    }
  });
});

describe('the Help guide headings', () => {
  it('nest as the guide does under the screen\'s h2: its top level is h3, a section within one h4, none skipping a level', () => {
    const guide = extractUserGuide(readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8'));
    act(() => root.render(<GuideView markdown={guide} />));
    const headings = [...container.querySelectorAll('h3, h4, h5, h6')].map((h) => [h.tagName, h.textContent]);
    expect(headings).toContainEqual(['H3', 'Keyboard and scanner']);
    expect(headings).toContainEqual(['H3', 'Sync with a hub']);
    expect(headings).toContainEqual(['H4', 'Stock from a catalogue: counts, not changes']);
    // The guide opens on the step-by-step walk-through, then Import, side by side (h3 here, not h4 straight under the h2).
    expect(headings[0]).toEqual(['H3', 'Step by step: from serial numbers to dispatch']);
    expect(headings[1]).toEqual(['H3', 'Import']);
    const levels = headings.map(([tag]) => Number(tag!.slice(1)));
    expect(levels.every((level, i) => level <= (levels[i - 1] ?? 2) + 1)).toBe(true);
  });
});
