// @vitest-environment happy-dom
/**
 * The Help screen's Markdown: links read as links in paragraphs, lists and table cells; an in-page
 * link moves focus to its heading (ids made as GitHub makes them) without touching the address;
 * links to the repository's files, or out of the bench, are their words only.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { GuideView } from '../../renderer/screens/help/GuideView.js';
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
    expect(heading.tagName).toBe('H3');
    expect(heading.textContent).toBe('Stock from a catalogue: counts, not changes');
    expect(heading.id).toMatch(/stock-from-a-catalogue-counts-not-changes$/);
    expect(window.location.href).toBe(address);
  });
});
