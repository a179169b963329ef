/**
 * The CLI's import as it follows a job on the core service (electron/core/cli-follow-import.ts), under
 * plain Node on a real SQLite file: its end comes from the change stream, a core that stops mid-import
 * ends it with a clear message instead of leaving the CLI waiting, and a Ctrl-C after the save is
 * told apart. (Ctrl-C through a terminal: test/cli.test.ts.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { followImport } from '../../electron/core/cli-follow-import.js';
import { IMPORT_LOST } from '../../electron/core/service/import-ends.js';
import { startCoreService, type BenchCoreService } from '../../electron/core/service/core-service.js';
import { sourceWorker } from '../../electron/core/service/worker-source.js';
import type { ImportProgress } from '../../shared/contract/api.js';
import { CORE_RESTARTING_MESSAGE } from '../../shared/contract/change-events.js';
import { csv, HEADERS, tempDir } from './helpers.js';
import { writeLargeCatalogue } from '../support/large-csv.js';

const services: BenchCoreService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
});

async function startService(file: string): Promise<BenchCoreService> {
  const service = await startCoreService({ worker: sourceWorker(), config: { file, actor: 'cli' }, log: () => {} });
  services.push(service);
  return service;
}

describe("the CLI's import on the core service", () => {
  it('answers the summary or the refusal from the change stream, its moves told until the end', async () => {
    const dir = tempDir('bench-cli-follow-');
    const service = await startService(join(dir, 'bench.db'));
    const good = join(dir, 'products.csv');
    writeFileSync(good, csv([[...HEADERS.products], ['PHN', 'Phone', '', 'single_use', 2]]));
    const moves: Array<ImportProgress | null> = [];
    const done = await followImport(service, [good], (p) => moves.push(p));
    expect(done).toEqual({ interrupted: false, result: { ok: true, value: { files: [expect.objectContaining({ name: 'products.csv', added: 1 })] } } });
    expect(moves.at(-1)).toBeNull();
    expect(moves.slice(0, -1).every((p) => p && ['reading', 'applying'].includes(p.state))).toBe(true);

    const bad = join(dir, 'orders.csv');
    writeFileSync(bad, csv([[...HEADERS.orders], ['SO-1', 'Ada', 'NOPE', 1]]));
    const refused = await followImport(service, [bad]);
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ where: 'orders.csv line 2', message: 'Unknown SKU "NOPE".' }] } });
  });

  it('a core that stops during the import ends it with a clear message; nothing of it is stored', { timeout: 120_000 }, async () => {
    const dir = tempDir('bench-cli-follow-');
    const service = await startService(join(dir, 'bench.db'));
    const files = await writeLargeCatalogue(dir, 100_000, 100);
    const crash: { done?: Promise<void> } = {};
    const { result } = await followImport(service, [files.products, files.identifiers], (p) => {
      if (p?.state === 'applying') crash.done ??= service.crashForTesting();
    });
    await crash.done;
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: `${CORE_RESTARTING_MESSAGE} ${IMPORT_LOST}`, issues: [] } });
    // The restarted core finds the store as before the import.
    const info = await service.api.getBenchInfo({});
    expect(info).toMatchObject({ ok: true, value: { productCount: 0 } });
  });

  it('a Ctrl-C that comes once the rows are saved is reported as too late, with the summary', async () => {
    const dir = tempDir('bench-cli-follow-');
    const service = await startService(join(dir, 'bench.db'));
    const file = join(dir, 'products.csv');
    writeFileSync(file, csv([[...HEADERS.products], ['PHN', 'Phone', '', 'single_use', 2]]));
    // The CLI's Ctrl-C, pressed once the import has committed (this listener hears the end before followImport does).
    let press = () => {};
    const ctrlC = {
      onPress: (listener: () => void) => {
        press = listener;
        return () => (press = () => {});
      },
    };
    service.subscribe((event) => {
      if (event.kind === 'import' && event.progress.state === 'done') press();
    });
    const followed = await followImport(service, [file], undefined, ctrlC);
    expect(followed).toMatchObject({ interrupted: true, result: { ok: true, value: { files: [{ name: 'products.csv', added: 1 }] } } });
  });
});
