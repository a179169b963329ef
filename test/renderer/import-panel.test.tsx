// @vitest-environment happy-dom
/**
 * The Import screen against a real core (a bench file in this process, as the transports deliver the
 * contract): Cancel pressed, or the screen left, while the last piece of the chosen files is on its
 * way imports nothing and leaves no upload behind; refusals before any byte is sent are announced
 * each time and take the focus; a file the bench would refuse by its name or size is named at once.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { benchKeys, createBenchQueryClient } from '../../renderer/api/queries.js';
import { ImportPanel } from '../../renderer/screens/setup/ImportPanel.js';
import type { BenchApi, BenchMethod, ImportProgress } from '../../shared/contract/api.js';
import { IMPORT_CANCELLED } from '../../shared/contract/import-schemas.js';
import { HEADERS, openTestBench, type TestBench } from '../core/helpers.js';
import { alertWords } from './alert-words.js';
import { coreApi } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

/** The contract over the bench's core; each piece waits for `release()`, as one on a slow line. */
function slowPiecesApi(bench: TestBench) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let piecesOnTheirWay = 0;
  const api = new Proxy({} as BenchApi, {
    get: (_, method: string) => async (args: unknown) => {
      if (method === 'sendCsvUploadPiece') {
        piecesOnTheirWay++;
        await released;
      }
      return bench.call(method as BenchMethod, args as never);
    },
  });
  return { api, release, piecesOnTheirWay: () => piecesOnTheirWay };
}

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
const nextFrame = () => act(async () => new Promise((resolve) => requestAnimationFrame(() => resolve())));
const uploadsLeft = (bench: TestBench) => {
  const folder = join(bench.dir, 'csv-uploads', 'bench.db');
  return existsSync(folder) ? readdirSync(folder) : [];
};

async function renderPanel(api: BenchApi, client = createBenchQueryClient()) {
  const { container, root } = mounted();
  await act(async () => root.render(<QueryClientProvider client={client}><ImportPanel api={api} onImported={() => {}} /></QueryClientProvider>));
  const choose = (files: File[]) => Object.defineProperty(container.querySelector<HTMLInputElement>('input[type=file]')!, 'files', { value: files, configurable: true });
  const importButton = () => [...container.querySelectorAll('button')].find((b) => b.textContent === 'Import files')!;
  return { container, root, choose, importButton };
}

function benchWithProduct(): TestBench {
  const bench = openTestBench();
  bench.product('SKU-1', 'single_use', 0);
  return bench;
}
const serialsFile = () => new File([`${HEADERS.identifiers}\nSKU-1,A-1\n`], 'serials.csv');

/** serials.csv chosen and Import pressed; `meanwhile` is done while its only piece is on its way, then it arrives. */
async function interruptTheLastPiece(meanwhile: (panel: Awaited<ReturnType<typeof renderPanel>>) => Promise<void>) {
  const bench = benchWithProduct();
  const { api, release, piecesOnTheirWay } = slowPiecesApi(bench);
  const panel = await renderPanel(api);
  panel.choose([serialsFile()]);
  await act(async () => panel.importButton().click());
  await settle();
  expect(piecesOnTheirWay()).toBe(1);
  await meanwhile(panel);
  release();
  await settle();
  await nextFrame();
  return { bench, container: panel.container };
}

describe('the Import screen, sending chosen files', () => {
  it('imports nothing when Cancel is pressed while the last piece is on its way, and leaves no upload', async () => {
    const { bench, container } = await interruptTheLastPiece(({ container }) =>
      act(async () => [...container.querySelectorAll('button')].find((b) => b.textContent === 'Cancel sending')!.click()),
    );
    expect(container.querySelector('[role=alert]')?.textContent).toContain(IMPORT_CANCELLED);
    expect(bench.count('SELECT count(*) FROM identifiers')).toBe(0);
    expect(uploadsLeft(bench)).toEqual([]);
  });

  it('says a small file being sent by its size in kilobytes, not "under 0.1 of under 0.1 MB"', async () => {
    await interruptTheLastPiece(async ({ container }) => {
      expect(container.textContent).toContain('Sending serials.csv (1 KB)…');
      expect(container.textContent).not.toContain('MB');
    });
  });

  it('imports nothing when the screen is left while the last piece is on its way, and leaves no upload', async () => {
    const { bench } = await interruptTheLastPiece(({ root }) => act(async () => root.render(<p>Orders</p>)));
    expect(bench.count('SELECT count(*) FROM identifiers')).toBe(0);
    expect(uploadsLeft(bench)).toEqual([]);
  });

  it('announces a refusal before sending each time it is pressed, and moves the focus to it', async () => {
    const bench = benchWithProduct();
    const { container, importButton } = await renderPanel(slowPiecesApi(bench).api);
    importButton().focus();
    await act(async () => importButton().click());
    await nextFrame();
    await nextFrame();
    const first = container.querySelector('[role=alert]');
    expect(first?.textContent).toContain('Choose one or more CSV files first.');
    expect(document.activeElement?.className).toBe('import-result');
    importButton().focus();
    await act(async () => importButton().click());
    await nextFrame();
    await nextFrame();
    const second = container.querySelector('[role=alert]');
    // A new alert: the same words are said again, not left unchanged in the page.
    expect(second?.textContent).toContain('Choose one or more CSV files first.');
    expect(second).not.toBe(first);
    expect(document.activeElement?.className).toBe('import-result');
  });

  it('a refusal takes the focus in the commit that shows it, never a frame later from where the packer went since', async () => {
    const bench = benchWithProduct();
    const { container, importButton } = await renderPanel(slowPiecesApi(bench).api);
    // Frames run one at a time, as on a loaded machine where a click can land between two of them.
    const queued: FrameRequestCallback[] = [];
    const realFrame = window.requestAnimationFrame;
    window.requestAnimationFrame = (callback) => queued.push(callback);
    const runFrame = () => act(async () => queued.splice(0).forEach((callback) => callback(performance.now())));
    try {
      importButton().focus();
      await act(async () => importButton().click());
      for (let frame = 0; frame < 3 && !container.querySelector('[role=alert]'); frame++) await runFrame();
      // It has the focus as it appears.
      expect(container.querySelector('[role=alert]')?.textContent).toContain('Choose one or more CSV files first.');
      expect(document.activeElement?.className).toBe('import-result');
      // The packer moves on ("Cancel import" of a running import; here "Load demo data"): the focus stays there.
      const demo = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Load demo data')!;
      demo.focus();
      await runFrame();
      await runFrame();
      expect(document.activeElement).toBe(demo);
    } finally {
      window.requestAnimationFrame = realFrame;
    }
  });

  it('names a file the bench would refuse by its size or its name, before any byte is sent', async () => {
    const bench = benchWithProduct();
    const { api, piecesOnTheirWay } = slowPiecesApi(bench);
    const { container, choose, importButton } = await renderPanel(api);
    for (const [files, said] of [
      [[serialsFile(), new File(['x'], 'dump.csv')].map((f, i) => (i === 1 ? Object.defineProperty(f, 'size', { value: 5 * 1024 ** 3 }) : f)), 'dump.csv is 5.0 GB, larger than the 4 GB the bench imports at once (is it the right file?); nothing was imported.'],
      [[new File(['x'], 'orders\n.csv')], 'orders?.csv has a control character in its name; rename the file and choose it again; nothing was imported.'],
    ] as const) {
      choose([...files]);
      await act(async () => importButton().click());
      await settle();
      await nextFrame();
      expect(container.querySelector('[role=alert]')?.textContent).toContain(said);
    }
    expect(piecesOnTheirWay()).toBe(0);
    expect(uploadsLeft(bench)).toEqual([]);
  });
});

describe('the Import screen, from sending to importing', () => {
  it('keeps the focus on one Cancel from sending to importing (never back on Import files), and that Cancel stops the import', async () => {
    const bench = openTestBench();
    bench.product('SKU-1', 'multiple_use', 0);
    const { api, release } = slowPiecesApi(bench);
    const client = createBenchQueryClient();
    const { container, choose, importButton } = await renderPanel(api, client);
    choose([serialsFile()]);
    importButton().focus();
    await act(async () => importButton().click());
    await settle();
    const cancel = document.activeElement as HTMLButtonElement;
    expect(cancel.textContent).toBe('Cancel sending');
    const focusedSince: string[] = [];
    const log = (event: FocusEvent) => focusedSince.push((event.target as HTMLElement).textContent ?? '');
    document.addEventListener('focusin', log);
    try {
      release();
      await settle();
      await nextFrame();
      // The same button, now the import's: a screen reader reads nothing new in between.
      expect(document.activeElement).toBe(cancel);
      expect(cancel.textContent).toBe('Cancel import');
      expect(focusedSince).toEqual([]);
      expect(container.textContent).not.toContain('Working…');
    } finally {
      document.removeEventListener('focusin', log);
    }
    // Enter on the focused Cancel (a button's Enter is its click).
    await act(async () => (document.activeElement as HTMLButtonElement).click());
    expect(cancel.textContent).toBe('Cancelling…');
    for (let tries = 0; tries < 100 && !container.querySelector('[role=alert], h3'); tries++) {
      await act(async () => client.invalidateQueries());
      await settle();
    }
    const said = container.querySelector('.import-result')?.textContent ?? '';
    // The core ran the one-row import at once here: Cancel came after the rows were saved, or it stopped it.
    expect(said.includes(IMPORT_CANCELLED) || said.includes('Cancel came after the rows were saved')).toBe(true);
  });
});

describe('the Import screen, one file chosen twice', () => {
  it('names a file chosen twice before any byte is sent, not as every line of it "listed twice (also the same line)"', async () => {
    const bench = benchWithProduct();
    const { api, piecesOnTheirWay } = slowPiecesApi(bench);
    const { container, choose, importButton } = await renderPanel(api);
    // Picked again from another folder, or from the dialog's recent files.
    choose([serialsFile(), new File(['x'], 'products.csv'), serialsFile()]);
    await act(async () => importButton().click());
    await settle();
    await nextFrame();
    expect(container.querySelector('[role=alert]')?.textContent).toContain(
      'serials.csv is chosen twice: choose each file once (if two different files have that name, rename one); nothing was imported.',
    );
    expect(document.activeElement?.className).toBe('import-result');
    expect(piecesOnTheirWay()).toBe(0);
    expect(uploadsLeft(bench)).toEqual([]);
  });
});

describe('the Import screen, pressed again while it works', () => {
  it('refuses Import files and Load demo data pressed while the chosen files are on their way: said, beeped, and the import goes on', async () => {
    const bench = benchWithProduct();
    const { api, release, piecesOnTheirWay } = slowPiecesApi(bench);
    const { container, choose, importButton } = await renderPanel(api);
    choose([serialsFile()]);
    await act(async () => importButton().click());
    await settle();
    expect(piecesOnTheirWay()).toBe(1);
    // The packer Shift+Tabs back from "Cancel sending" and presses Import files again (it reads as disabled, not gone).
    importButton().focus();
    await act(async () => importButton().click());
    await nextFrame();
    await nextFrame();
    const alert = () => container.querySelector('[role=alert]');
    expect(alert()?.textContent).toContain('An import is still running here');
    expect(document.activeElement?.className).toBe('import-result');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    const first = alert();
    const demo = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Load demo data')!;
    await act(async () => demo.click());
    await nextFrame();
    await nextFrame();
    // The same words again are a new alert (said again), and beeped again.
    expect(alert()?.textContent).toContain('An import is still running here');
    expect(alert()).not.toBe(first);
    await beeps.played();
    expect(beeps.count()).toBe(2);
    // Nothing was loaded meanwhile; the one import still runs to its end.
    expect(bench.call('getBenchInfo', {})).toMatchObject({ ok: true, value: { productCount: 1 } });
    release();
    await settle();
    expect(piecesOnTheirWay()).toBe(1);
  });
});

describe('the Import screen, what was imported', () => {
  it('says what each count counts: the file rows, then orders (two rows of one order make one order)', async () => {
    const bench = benchWithProduct();
    const client = createBenchQueryClient();
    const { container, choose, importButton } = await renderPanel(coreApi(bench), client);
    choose([new File([`${HEADERS.orders}\nSO-1,Ada,SKU-1,1\nSO-1,Ada,SKU-1,2\nSO-2,Bob,SKU-1,1\n`], 'orders.csv')]);
    await act(async () => importButton().click());
    // No change stream here to tell the page the import's progress: the page is asked to read it again, as after a reconnect.
    for (let tries = 0; tries < 100 && !container.querySelector('table'); tries++) {
      await act(async () => client.invalidateQueries());
      await settle();
    }
    const cells = (row: Element) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);
    const [header, orders] = [...container.querySelectorAll('table tr')];
    expect(cells(header!)).toEqual(['File', 'Kind', 'Rows in file', 'Added', 'Updated', 'Unchanged']);
    expect(cells(orders!)).toEqual(['orders.csv', 'orders', '3', '2 orders', '0 orders', '0 orders']);
  });
});

describe('the Import screen, left while the import runs', () => {
  it('beeps nothing and says nothing on the screen gone to: the import goes on in the bench', async () => {
    const bench = benchWithProduct();
    const { root, container, choose, importButton } = await renderPanel(coreApi(bench));
    choose([serialsFile()]);
    await act(async () => importButton().click());
    await settle();
    expect([...container.querySelectorAll('button')].some((b) => b.textContent === 'Cancel import')).toBe(true);
    // The manager goes to another screen while the bench reads the file.
    await act(async () => root.render(<p>Orders</p>));
    await settle();
    await beeps.played();
    expect(beeps.count()).toBe(0);
  });
});

describe('the Import screen, following an import started elsewhere', () => {
  /** An import started on the bench (the desktop menu's Import…), its progress told to the page as the change stream tells it. */
  async function importElsewhere(bench: TestBench, client: ReturnType<typeof createBenchQueryClient>, content: string) {
    const started = bench.call('startCsvImport', { files: [{ name: 'serials.csv', content }] });
    if (!started.ok) throw new Error(started.error.message);
    let progress: ImportProgress = started.value;
    for (let tries = 0; tries < 100; tries++) {
      await act(async () => void client.setQueryData(benchKeys.latestImport(), progress));
      // The cache tells its observers a task later.
      await settle();
      if (progress.state !== 'reading' && progress.state !== 'applying') return;
      const now = bench.call('getCsvImport', { importId: progress.importId });
      if (now.ok) progress = now.value;
    }
  }

  it('clears the last result when another import starts elsewhere, so it does not read as that import\'s', async () => {
    const bench = openTestBench();
    bench.product('SKU-1', 'multiple_use', 0);
    const client = createBenchQueryClient();
    const { container } = await renderPanel(coreApi(bench), client);
    await importElsewhere(bench, client, `${HEADERS.identifiers}\nSKU-1,A-1\nSKU-1,A-1\n`);
    expect(container.querySelector('[role=alert]')?.textContent).toContain('nothing was imported');
    await importElsewhere(bench, client, `${HEADERS.identifiers}\nSKU-1,A-1\n`);
    expect(container.querySelector('h3')?.textContent).toBe('Import finished');
    // A third is started from the desktop menu: while it runs, neither the table nor a refusal of an earlier one shows.
    const started = bench.call('startCsvImport', { files: [{ name: 'more.csv', content: `${HEADERS.identifiers}\nSKU-1,A-2\n` }] });
    if (!started.ok) throw new Error(started.error.message);
    await act(async () => void client.setQueryData(benchKeys.latestImport(), { ...started.value, state: 'reading' }));
    await settle();
    expect([...container.querySelectorAll('button')].some((b) => b.textContent === 'Cancel import')).toBe(true);
    expect(container.querySelector('.import-result')?.textContent).toBe('');
    // Let it end before the bench closes.
    for (let tries = 0; tries < 100 && (bench.call('getCsvImport', { importId: started.value.importId }) as { value?: ImportProgress }).value?.state === 'reading'; tries++) await settle();
  });

  it('says the same refusal again, beeped, when a second import ends with it', async () => {
    const bench = benchWithProduct();
    const client = createBenchQueryClient();
    const { container } = await renderPanel(coreApi(bench), client);
    const badFile = `${HEADERS.identifiers}\nSKU-1,A-1\nSKU-1,A-1\n`;
    await importElsewhere(bench, client, badFile);
    const first = alertWords(container.querySelector('[role=alert]'));
    expect(first?.textContent).toContain('nothing was imported');
    await beeps.played();
    expect(beeps.count()).toBe(1);
    await importElsewhere(bench, client, badFile);
    await nextFrame();
    const second = alertWords(container.querySelector('[role=alert]'));
    // The same words again are a new alert, said again: not left unchanged in the page.
    expect(second?.textContent).toBe(first?.textContent);
    expect(second).not.toBe(first);
    await beeps.played();
    expect(beeps.count()).toBe(2);
  });
});

describe('the Import screen, dates in a file', () => {
  it('reads D/M/YYYY dates as the screen reads dates (a day-first page on a month-first host), and says so when refusing', async () => {
    const language = vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-GB');
    try {
      const bench = openTestBench();
      const productId = bench.product('UB-1', 'multiple_use', 0);
      bench.ok('setIdentifierSpec', { productId, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: null });
      const client = createBenchQueryClient();
      const { container, choose, importButton } = await renderPanel(coreApi(bench), client);
      const importFile = async (content: string) => {
        choose([new File([content], 'ids.csv')]);
        await act(async () => importButton().click());
        for (let tries = 0; tries < 100 && !(container.querySelector('.import-result')?.textContent ?? '').match(/finished|refused|line/i); tries++) {
          await act(async () => client.invalidateQueries());
          await settle();
        }
        return container.querySelector('.import-result')?.textContent ?? '';
      };
      await importFile(`${HEADERS.identifiers}\nUB-1,31/03/2031\n`);
      expect(bench.reader.prepare('SELECT value FROM identifiers').pluck().all()).toEqual(['2031-03-31']);
      expect(await importFile(`${HEADERS.identifiers}\nUB-1,03/31/2032\n`)).toContain('this bench reads dates day first, as DD/MM/YYYY');
    } finally {
      language.mockRestore();
    }
  });
});
