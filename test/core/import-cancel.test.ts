/**
 * Cancel while an import saves its rows. Saving is one transaction that asks for a Cancel between
 * pages and between the long steps after them (putting back the identifier indexes, the outbox in
 * windows, the search index in chunks). A Cancel heard at any of those points leaves the bench file
 * exactly as it was: every row, and the schema the save takes apart and puts back (indexes, trigger).
 * Real SQLite files; each cancel point on a store of its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBenchParts } from '../../electron/core/bench-parts.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import { BenchError } from '../../shared/contract/result.js';
import { readStore, type StoreConnection } from '../support/store.js';
import { csv, HEADERS, snapshotDb, tempDir } from './helpers.js';

/** More than two outbox windows and one search-index chunk, so every kind of step is asked at. */
const IDENTIFIERS = 45_000;

function storeState(db: StoreConnection) {
  return {
    rows: snapshotDb(db),
    schema: db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY type, name`).all(),
  };
}

/** A bench holding one product, and an identifiers file for it; the store as it stands before the import. */
function arrange() {
  const dir = tempDir('bench-import-cancel-');
  const file = join(dir, 'bench.db');
  const parts = openBenchParts({ file, stationName: 'Cancel bench' });
  const added = invokeBenchMethod(parts.core, 'importCsv', {
    files: [{ name: 'products.csv', content: csv([[...HEADERS.products], ['LOT-A', 'Lots', '', 'multiple_use', 0]]) }],
  });
  if (!added.ok) throw new Error(added.error.message);
  const identifiers = join(dir, 'identifiers.csv');
  writeFileSync(identifiers, csv([[...HEADERS.identifiers], ...Array.from({ length: IDENTIFIERS }, (_, i) => ['LOT-A', `LOT-${String(i).padStart(6, '0')}`])]));
  return { parts, file, identifiers, before: readStore(file, storeState) };
}

/** Imports the file, cancelling when the save asks for the `cancelAt`-th time (never: 0); answers how often it asked. */
async function importCancellingAt(cancelAt: number) {
  const { parts, file, identifiers, before } = arrange();
  const controller = new AbortController();
  let asked = 0;
  try {
    const outcome = await parts
      .importCsvFiles([identifiers], {
        signal: controller.signal,
        hearCancels: () => {
          if (++asked === cancelAt) controller.abort();
        },
      })
      .then(
        (summary) => ({ summary }),
        (error: unknown) => ({ error }),
      );
    return { outcome, asked, before, after: readStore(file, storeState) };
  } finally {
    parts.core.close();
  }
}

describe('Cancel while an import saves its rows', () => {
  it('leaves the store exactly as it was wherever the save is when it hears it', async () => {
    const whole = await importCancellingAt(0);
    expect(whole.outcome).toMatchObject({ summary: { files: [{ name: 'identifiers.csv', added: IDENTIFIERS }] } });
    const pages = Math.ceil(IDENTIFIERS / 2_000);
    // Besides one ask per page: before the indexes are put back and each step after them.
    expect(whole.asked).toBeGreaterThan(pages + 3);

    // The first page, the last page, and every step after the pages.
    for (const cancelAt of [1, pages, ...Array.from({ length: whole.asked - pages }, (_, i) => pages + 1 + i)]) {
      const cancelled = await importCancellingAt(cancelAt);
      const { error } = cancelled.outcome as { error: unknown };
      expect(error, `cancel at ask ${cancelAt}`).toBeInstanceOf(BenchError);
      expect((error as BenchError).toData(), `cancel at ask ${cancelAt}`).toMatchObject({ code: 'cancelled', message: 'The import was cancelled; nothing was imported.' });
      expect(cancelled.after, `cancel at ask ${cancelAt} of ${whole.asked}`).toEqual(cancelled.before);
    }
  }, 120_000);
});
