// @vitest-environment happy-dom
/**
 * Recall's "Export CSV" switches on the typed outcome of saving it, never on an error's words: saved
 * (the desktop app names the file), a save dialog the packer cancelled (their own choice: nothing said,
 * no beep), or browser mode (the bench's own answer: download by a one-time link). A save that failed
 * is refused: said and beeped. Each export's outcome replaces the last one's (a failure stayed beside a
 * later "Saved"), and the same file saved twice is said twice. A press while an export runs is refused (said, beeped, announced):
 * a second save dialog opened, a second download started. The saving itself is the Electron shell's, so that call is answered
 * here as the shell answers it; browser mode's answer is the real core's.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import type { Result } from '../../shared/contract/result.js';
import type { SaveRecallExportResult } from '../../shared/contract/trace-schemas.js';
import { csv, openTestBench } from '../core/helpers.js';
import { coreApi, settle, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { showRecall } from './recall-harness.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

/** The links browser mode's download followed (the click is stopped: happy-dom would navigate). */
let downloads: Array<{ href: string; fileName: string }> = [];
function followDownload(event: MouseEvent): void {
  if (!(event.target instanceof HTMLAnchorElement)) return;
  event.preventDefault();
  downloads.push({ href: event.target.href, fileName: event.target.download });
}
beforeEach(() => {
  downloads = [];
  document.addEventListener('click', followDownload);
});
afterEach(() => document.removeEventListener('click', followDownload));

const alerts = () => [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent);
const statuses = () => [...document.querySelectorAll('[role=status]')].map((s) => s.textContent);

/**
 * Recall over a bench with one dispatched unit, searched; `shellSave` answers saveRecallExport when given, as the shell would.
 * `searches.held`: while set, the core's answer to a search waits for it (a search still reading).
 */
async function searchedRecall(shellSave?: () => Promise<Result<SaveRecallExportResult>>, searches: { held: Promise<void> | null } = { held: null }) {
  const bench = openTestBench();
  bench.ok('importCsv', {
    files: [
      { name: 'products.csv', content: csv([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['PHN-1', 'Phone', '', 'single_use', 1]]) },
      { name: 'identifiers.csv', content: csv([['sku', 'identifier'], ['PHN-1', 'SN-77']]) },
    ],
  });
  const order = bench.order('O-1', [['PHN-1', 1]]);
  bench.ok('saveAllocations', { allocations: [{ lineId: order.lineIds[0]!, unit: 1, value: 'SN-77' }] });
  bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
  const core = coreApi(bench);
  const saveRecallExport = vi.fn(shellSave ?? core.saveRecallExport);
  const prepareRecallExport = vi.fn(core.prepareRecallExport);
  const recallSearch: BenchApi['recallSearch'] = async (args) => {
    await searches.held;
    return core.recallSearch(args);
  };
  const api = new Proxy(core, {
    get: (target, method: keyof BenchApi) =>
      method === 'saveRecallExport' ? saveRecallExport : method === 'prepareRecallExport' ? prepareRecallExport : method === 'recallSearch' ? recallSearch : target[method],
  });
  const { search } = await showRecall(mounted().root, api);
  typeInto(document.querySelector<HTMLInputElement>('input[type=search]')!, 'SN-');
  await search();
  expect(document.querySelector('.recall-counts')?.textContent).toBe('1 unit in 1 order for 1 customer, from 1 bench.');
  const exportCsv = async () => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Export CSV')!;
    await act(async () => button.click());
    await settle();
  };
  /** Presses "Export CSV" without waiting for its outcome (a second press while the first runs). */
  const pressExportCsv = async () => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Export CSV')!;
    await act(async () => button.click());
  };
  return { exportCsv, pressExportCsv, saveRecallExport, prepareRecallExport };
}

describe('Recall export outcomes', () => {
  it('saved by the desktop app: names the file, no beep', async () => {
    const { exportCsv } = await searchedRecall(async () => ({ ok: true, value: { outcome: 'saved', file: '/home/ada/recall-all.csv' } }));
    await exportCsv();
    await beeps.played();
    expect(statuses()).toContain('Saved /home/ada/recall-all.csv');
    expect(alerts()).toEqual([]);
    expect(downloads).toEqual([]);
    expect(beeps.count()).toBe(0);
  });

  it('a save dialog the packer cancelled says nothing, beeps not and downloads nothing', async () => {
    const { exportCsv, saveRecallExport, prepareRecallExport } = await searchedRecall(async () => ({ ok: true, value: { outcome: 'cancelled' } }));
    await exportCsv();
    await beeps.played();
    expect(saveRecallExport).toHaveBeenCalledTimes(1);
    expect(prepareRecallExport).not.toHaveBeenCalled();
    expect(alerts()).toEqual([]);
    expect(statuses().filter((s) => s?.startsWith('Saved'))).toEqual([]);
    expect(downloads).toEqual([]);
    expect(beeps.count()).toBe(0);
  });

  it("browser mode (the core's own answer) downloads by a one-time link, silently", async () => {
    const { exportCsv, prepareRecallExport } = await searchedRecall();
    await exportCsv();
    await beeps.played();
    expect(prepareRecallExport).toHaveBeenCalledTimes(1);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.fileName).toMatch(/^recall-SN--\d{4}-\d{2}-\d{2}\.csv$/);
    expect(alerts()).toEqual([]);
    expect(beeps.count()).toBe(0);
  });

  it("each export's outcome replaces the last one's: a save that failed, then one that worked, then one that failed", async () => {
    const answers: Array<Result<SaveRecallExportResult>> = [
      { ok: false, error: { code: 'conflict', message: 'The file is open in another program.', issues: [] } },
      { ok: true, value: { outcome: 'saved', file: '/home/ada/recall-all.csv' } },
      { ok: false, error: { code: 'disk_full', message: 'The disk is full.', issues: [] } },
    ];
    const { exportCsv } = await searchedRecall(async () => answers.shift()!);
    await exportCsv();
    expect(alerts()).toEqual(['⚠ The file is open in another program.']);
    await exportCsv();
    expect(alerts()).toEqual([]);
    expect(statuses()).toContain('Saved /home/ada/recall-all.csv');
    await exportCsv();
    expect(alerts()).toEqual(['⚠ The disk is full.']);
    expect(statuses().filter((s) => s?.startsWith('Saved'))).toEqual([]);
  });

  it('the same file saved again is said again (its line put in anew)', async () => {
    const { exportCsv } = await searchedRecall(async () => ({ ok: true, value: { outcome: 'saved', file: '/home/ada/recall-all.csv' } }));
    await exportCsv();
    const first = [...document.querySelectorAll('[role=status]')].find((s) => s.textContent?.startsWith('Saved'));
    await exportCsv();
    const second = [...document.querySelectorAll('[role=status]')].find((s) => s.textContent?.startsWith('Saved'));
    expect(second?.textContent).toBe('Saved /home/ada/recall-all.csv');
    expect(second).not.toBe(first);
  });

  it('pressed again while its save dialog is open: refused in words, beeped and announced; no second dialog', async () => {
    let answer: (saved: Result<SaveRecallExportResult>) => void = () => {};
    const { pressExportCsv, saveRecallExport } = await searchedRecall(() => new Promise((resolve) => (answer = resolve)));
    await pressExportCsv();
    const exportButton = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Export CSV')!;
    expect(exportButton.getAttribute('aria-disabled')).toBe('true');
    expect(statuses()).toContain('Exporting CSV…');
    await pressExportCsv();
    await pressExportCsv();
    await beeps.played();
    expect(saveRecallExport).toHaveBeenCalledTimes(1);
    expect(alerts()).toEqual(['⚠ Already exporting: wait for this export to end, then export again.']);
    expect(beeps.count()).toBe(2);
    await act(async () => answer({ ok: true, value: { outcome: 'saved', file: '/home/ada/recall-all.csv' } }));
    await settle();
    expect(alerts()).toEqual([]);
    expect(statuses()).toContain('Saved /home/ada/recall-all.csv');
    expect(statuses()).not.toContain('Exporting CSV…');
    expect(exportButton.getAttribute('aria-disabled')).toBeNull();
  });

  it("a search sent while the export runs: the export's status stays shown, and its outcome is said before the new results show", async () => {
    let answer: (saved: Result<SaveRecallExportResult>) => void = () => {};
    const searches: { held: Promise<void> | null } = { held: null };
    const { pressExportCsv } = await searchedRecall(() => new Promise((resolve) => (answer = resolve)), searches);
    await pressExportCsv();
    expect(statuses()).toContain('Exporting CSV…');
    let release: () => void = () => {};
    searches.held = new Promise((resolve) => (release = resolve));
    typeInto(document.querySelector<HTMLInputElement>('input[type=search]')!, 'SN-7');
    await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
    await settle();
    // The new search is still reading: its results are not shown yet, the export's progress is.
    expect(document.querySelector('.recall-counts')).toBeNull();
    expect(statuses()).toContain('Exporting CSV…');
    await act(async () => answer({ ok: true, value: { outcome: 'saved', file: '/home/ada/recall-all.csv' } }));
    await settle();
    expect(statuses()).toContain('Saved /home/ada/recall-all.csv');
    expect(statuses()).not.toContain('Exporting CSV…');
    release();
    await settle();
    await settle();
    expect(document.querySelector('.recall-counts')?.textContent).toBe('1 unit in 1 order for 1 customer, from 1 bench.');
    expect(statuses()).toContain('Saved /home/ada/recall-all.csv');
  });

  it('a search sent while the export runs, the export then failing: the failure is said and beeped, beside a search refused meanwhile', async () => {
    let answer: (saved: Result<SaveRecallExportResult>) => void = () => {};
    const searches: { held: Promise<void> | null } = { held: null };
    const { pressExportCsv } = await searchedRecall(() => new Promise((resolve) => (answer = resolve)), searches);
    await pressExportCsv();
    // A search refused while the export runs (its range ends before it starts): said and beeped.
    const [from, to] = [...document.querySelectorAll<HTMLInputElement>('input[type=date]')].slice(-2);
    typeInto(from!, '2026-05-02');
    typeInto(to!, '2026-05-01');
    await act(async () => document.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
    await settle();
    expect(alerts()).toEqual(['⚠ The dispatch date range ends before it starts.']);
    expect(statuses()).toContain('Exporting CSV…');
    await act(async () => answer({ ok: false, error: { code: 'disk_full', message: 'The disk is full.', issues: [] } }));
    await settle();
    await beeps.played();
    // The export's outcome does not take the search's refusal's place (nor the other way round).
    expect(alerts()).toEqual(['⚠ The dispatch date range ends before it starts.', '⚠ The disk is full.']);
    expect(statuses()).not.toContain('Exporting CSV…');
    expect(beeps.count()).toBe(2);
  });

  it('browser mode, pressed twice at once: one download', async () => {
    const { prepareRecallExport } = await searchedRecall();
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Export CSV')!;
    // The second press before the bench has answered the first.
    await act(async () => {
      button.click();
      button.click();
    });
    await settle();
    await beeps.played();
    expect(prepareRecallExport).toHaveBeenCalledTimes(1);
    expect(downloads).toHaveLength(1);
    expect(beeps.count()).toBe(1);
  });

  it('a save that failed is refused: said and beeped, nothing downloaded', async () => {
    const { exportCsv, prepareRecallExport } = await searchedRecall(async () => ({
      ok: false,
      error: { code: 'conflict', message: 'The file is open in another program.', issues: [] },
    }));
    await exportCsv();
    await beeps.played();
    expect(alerts().join(' ')).toContain('The file is open in another program.');
    expect(prepareRecallExport).not.toHaveBeenCalled();
    expect(downloads).toEqual([]);
    expect(beeps.count()).toBe(1);
  });
});
