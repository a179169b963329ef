/** The shell's plain helpers: window bounds restore, shutdown order, dialog texts, print outcomes, the export save dialog's answer. */
import { describe, expect, it } from 'vitest';
import { createShutdown } from '../../electron/shell/shutdown.js';
import { describeError, describeImport } from '../../electron/shell/messages.js';
import { printOutcome } from '../../electron/shell/print-slip.js';
import { chosenExportFile } from '../../electron/shell/save-outcome.js';
import { DEFAULT_WINDOW, MIN_WINDOW, restoreBounds } from '../../electron/shell/window-state.js';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window bounds', () => {
  it('reuses saved bounds that fit a display', () => {
    expect(restoreBounds({ x: 2000, y: 100, width: 1400, height: 900, maximized: false }, [laptop, rightMonitor])).toEqual({ x: 2000, y: 100, width: 1400, height: 900 });
  });
  it('falls back to centred defaults when the saved display is gone', () => {
    expect(restoreBounds({ x: 2000, y: 100, width: 1400, height: 900, maximized: false }, [laptop])).toEqual({ width: DEFAULT_WINDOW.width, height: DEFAULT_WINDOW.height });
  });
  it('does not restore a window whose title bar is off screen', () => {
    expect(restoreBounds({ x: 100, y: -500, width: 1200, height: 900, maximized: false }, [laptop]).x).toBeUndefined();
  });
  it('shrinks a window larger than the display, and never below the minimum', () => {
    expect(restoreBounds({ x: 0, y: 0, width: 5000, height: 3000, maximized: false }, [laptop])).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
    expect(restoreBounds({ x: 0, y: 0, width: 300, height: 200, maximized: false }, [laptop])).toMatchObject({ width: MIN_WINDOW.width, height: MIN_WINDOW.height });
  });
  it('uses the defaults (fitted to the display) when nothing was saved', () => {
    expect(restoreBounds(undefined, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({ width: 1024, height: 700 });
    expect(restoreBounds({ width: 1000, height: 700, maximized: true }, [laptop])).toEqual({ width: 1000, height: 700 });
  });
});

describe('shutdown', () => {
  it('runs steps once, newest first, and keeps going past a failing step', async () => {
    const order: string[] = [];
    const errors: string[] = [];
    const shutdown = createShutdown((message) => errors.push(message));
    shutdown.add('close database', () => void order.push('db'));
    const removeSync = shutdown.add('stop sync', async () => {
      await new Promise((r) => setTimeout(r, 5));
      order.push('sync');
    });
    shutdown.add('flaky', () => {
      throw new Error('boom');
    });
    shutdown.add('stop IPC', () => void order.push('ipc'));
    expect(shutdown.started).toBe(false);
    await Promise.all([shutdown.run(), shutdown.run()]);
    await shutdown.run();
    expect(order).toEqual(['ipc', 'sync', 'db']);
    expect(errors).toEqual(['shutdown step "flaky" failed']);
    expect(shutdown.started).toBe(true);
    removeSync();
  });
  it('gives up waiting at the deadline when a step hangs (the app then exits), and says done otherwise', async () => {
    const hung = createShutdown();
    hung.add('close a wedged core', () => new Promise<void>(() => {}));
    expect(await hung.runWithin(50)).toBe('late');
    const quick = createShutdown();
    quick.add('close the core', async () => {});
    expect(await quick.runWithin(1_000)).toBe('done');
  });

  it('lets a step be removed before shutdown', async () => {
    const order: string[] = [];
    const shutdown = createShutdown();
    const remove = shutdown.add('stop sync', () => void order.push('sync'));
    shutdown.add('close database', () => void order.push('db'));
    remove();
    await shutdown.run();
    expect(order).toEqual(['db']);
  });
});

describe('dialog texts', () => {
  it('summarises an import per file, each count saying what it counts, in the CLI\'s words', () => {
    expect(
      describeImport({
        files: [
          { name: 'products.csv', kind: 'products', rows: 3, added: 2, updated: 1, unchanged: 0 },
          { name: 'orders.csv', kind: 'orders', rows: 2, added: 1, updated: 0, unchanged: 0 },
          { name: 'identifiers.csv', kind: 'identifiers', rows: 1, added: 1_234, updated: 0, unchanged: 1 },
        ],
      }),
    ).toBe(
      [
        'products.csv (products): 3 rows, 2 products added, 1 product updated, 0 products unchanged',
        'orders.csv (orders): 2 rows, 1 order added, 0 orders updated, 0 orders unchanged',
        'identifiers.csv (identifiers): 1 row, 1,234 identifiers added, 0 identifiers updated, 1 identifier unchanged',
      ].join('\n'),
    );
  });
  it('says a file with only its header held no rows, as the Import screen and the CLI do', () => {
    expect(
      describeImport({
        files: [
          { name: 'products.csv', kind: 'products', rows: 1, added: 1, updated: 0, unchanged: 0 },
          { name: 'orders.csv', kind: 'orders', rows: 0, added: 0, updated: 0, unchanged: 0 },
        ],
      }).split('\n'),
    ).toEqual([
      'products.csv (products): 1 row, 1 product added, 0 products updated, 0 products unchanged',
      'orders.csv (orders): 0 rows, 0 orders added, 0 orders updated, 0 orders unchanged',
      'orders.csv held no rows under its header: nothing in it was imported.',
    ]);
  });
  it('lists the issues of a refusal, capped', () => {
    const issues = Array.from({ length: 15 }, (_, i) => ({ where: `orders.csv line ${i + 2}`, message: 'unknown SKU' }));
    const text = describeError({ code: 'validation', message: 'The import has problems; nothing was imported.', issues });
    expect(text.split('\n')).toHaveLength(1 + 12 + 1);
    expect(text).toContain('• orders.csv line 2: unknown SKU');
    expect(text).toContain('… and 3 more');
  });
});

describe('print outcomes', () => {
  it('types a printed slip, and a print dialog the packer cancelled, as outcomes: a cancel is no failure', () => {
    expect(printOutcome('Zebra', true, '')).toEqual({ outcome: 'printed', printer: 'Zebra' });
    expect(printOutcome('', true, undefined)).toEqual({ outcome: 'printed', printer: null });
    expect(printOutcome('', false, 'cancelled')).toEqual({ outcome: 'cancelled' });
    expect(printOutcome('', false, '')).toEqual({ outcome: 'cancelled' });
  });
  it('refuses a print that failed, in words naming why', () => {
    expect(() => printOutcome('Zebra', false, 'printer offline')).toThrow('The slip was not printed (printer offline).');
  });
});

describe('export save dialog answers', () => {
  it('names the file chosen; a cancelled dialog (or one answering no path) chose none, which is no failure', () => {
    expect(chosenExportFile({ canceled: false, filePath: '/home/ada/recall.csv' })).toBe('/home/ada/recall.csv');
    expect(chosenExportFile({ canceled: true, filePath: '' })).toBeNull();
    expect(chosenExportFile({ canceled: true, filePath: '/home/ada/recall.csv' })).toBeNull();
    expect(chosenExportFile({ canceled: false, filePath: '' })).toBeNull();
    expect(chosenExportFile({ canceled: false })).toBeNull();
  });
});
