/**
 * WAL checkpoints off the core's thread (electron/core/db/background-checkpoints.ts), on a real bench
 * file: the core's commits no longer copy the WAL back themselves; the checkpoint thread does, once
 * writes pause and, under sustained writes, at the latest after its maximum wait; closing hands the
 * file back to SQLite's own checkpoints; a thread that cannot start leaves them on.
 */
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackgroundCheckpoints, type BackgroundCheckpoints } from '../../electron/core/db/background-checkpoints.js';
import { openDatabase, type Db } from '../../electron/core/db/open.js';
import { startCoreService } from '../../electron/core/service/core-service.js';
import { sourceWorker } from '../../electron/core/service/worker-source.js';
import type { BenchEvent } from '../../shared/contract/change-events.js';
import { csv, HEADERS, tempDir } from './helpers.js';

const PAGE = 4096;
const open: Array<{ db: Db; checkpoints?: BackgroundCheckpoints }> = [];
afterEach(async () => {
  for (const { db, checkpoints } of open.splice(0)) {
    await checkpoints?.close();
    if (db.open) db.close();
  }
});

/** The WAL header's checkpoint sequence number (bytes 12-15): one more each time the WAL starts again from its beginning. */
function walRestarts(file: string): number {
  const fd = openSync(`${file}-wal`, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.readUInt32BE(12);
  } finally {
    closeSync(fd);
  }
}

function bench(): { db: Db; file: string } {
  const file = join(tempDir('bench-checkpoints-'), 'bench.db');
  const db = openDatabase(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  // The core's own commits need not wait for the disk here (the thread's checkpoints still sync):
  // thousands of them stay quick on a busy machine.
  db.pragma('synchronous = OFF');
  open.push({ db });
  return { db, file };
}

/** One commit per row, each row about two pages, as many small use cases would write. */
function commitRows(db: Db, from: number, rows: number): void {
  const insert = db.prepare('INSERT INTO bench_meta (key, value) VALUES (?, ?)');
  for (let i = from; i < from + rows; i++) insert.run(`row-${i}`, 'x'.repeat(2 * PAGE));
}

const size = (path: string) => statSync(path).size;

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

describe('background WAL checkpoints', () => {
  it('keeps checkpoints out of the commits and copies the WAL back once writes pause', async () => {
    const { db, file } = bench();
    const checkpoints = await startBackgroundCheckpoints(db, { idleMs: 50, minRows: 500, log: () => {} });
    open[0]!.checkpoints = checkpoints;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const fileBefore = size(file);

    commitRows(db, 0, 1_000); // about 3,000 pages: SQLite's own checkpoint would have run inside two of these commits
    expect(size(`${file}-wal`)).toBeGreaterThan(2_000 * PAGE); // never restarted: nothing was copied back inline
    expect(size(file)).toBe(fileBefore);

    checkpoints.wrote();
    await until('the rows are in the database file', () => size(file) > fileBefore + 1_000 * 2 * PAGE);
    const done = await checkpoints.checkpointNow();
    expect(done).toMatchObject({ busy: 0 });
    expect(done!.checkpointed).toBe(done!.log);

    await checkpoints.close();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
    const reopened = openDatabase(file);
    expect(reopened.prepare(`SELECT count(*) FROM bench_meta WHERE key LIKE 'row-%'`).pluck().get()).toBe(1_000);
    reopened.close();
  });

  it('copies back under sustained writes too, once enough was written, so the WAL stays bounded', async () => {
    const { db, file } = bench();
    const checkpoints = await startBackgroundCheckpoints(db, { idleMs: 60_000, maxRows: 200, log: () => {} });
    open[0]!.checkpoints = checkpoints;
    const fileBefore = size(file);
    // Writes never pause for the idle wait: 150 rounds of 20 commits, each round told and then
    // yielding just long enough for the thread's answers to arrive.
    let restartsBefore = 0;
    for (let round = 0; round < 150; round++) {
      commitRows(db, round * 20, 20);
      if (round === 0) restartsBefore = walRestarts(file);
      checkpoints.wrote();
      await sleep(5);
    }
    expect(size(file)).toBeGreaterThan(fileBefore + 1_000 * 2 * PAGE);
    // 3,000 rows are about 9,000 pages; copied back along the way, the WAL started again from its
    // beginning while the writes went on. (Counted, not measured by the WAL's size: how far the thread
    // lags depends on how busy the machine is, 24-29 MB of WAL under CI's load.)
    expect(walRestarts(file) - restartsBefore).toBeGreaterThanOrEqual(1);
    expect(size(`${file}-wal`)).toBeLessThan(9_000 * PAGE);
  });

  it('also copies what was committed while it copied, so the next commit restarts the WAL', async () => {
    const { db, file } = bench();
    const checkpoints = await startBackgroundCheckpoints(db, { idleMs: 60_000, busyMs: 10_000, log: () => {} });
    open[0]!.checkpoints = checkpoints;
    commitRows(db, 0, 50);
    // A reader's snapshot from before the next rows: until it ends, they cannot be copied back.
    const reader = new Database(file, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM bench_meta').get();
    commitRows(db, 50, 50);
    const copied = checkpoints.checkpointNow();
    await sleep(200);
    reader.exec('COMMIT');
    reader.close();
    const result = await copied;
    expect(result).toMatchObject({ busy: 0 });
    expect(result!.checkpointed).toBe(result!.log);
    const walSize = size(`${file}-wal`);
    commitRows(db, 100, 5);
    expect(size(`${file}-wal`)).toBe(walSize); // written from its start again, not appended
  });

  it('grows the WAL ahead while writes pause, so later commits write over it; a copy taken then (a crash) keeps every commit', async () => {
    const { db, file } = bench();
    const reserve = 4 * 1024 * 1024;
    const checkpoints = await startBackgroundCheckpoints(db, { idleMs: 30, minRows: 100, reserveBytes: reserve, log: () => {} });
    open[0]!.checkpoints = checkpoints;
    commitRows(db, 0, 100); // about 500 pages: a 2 MB WAL
    expect(size(`${file}-wal`)).toBeLessThan(reserve);
    checkpoints.wrote();
    await until('the WAL is grown ahead', () => size(`${file}-wal`) === reserve);

    commitRows(db, 100, 100);
    checkpoints.wrote();
    expect(size(`${file}-wal`)).toBe(reserve); // written from its start again, within the grown file

    const copy = join(tempDir('bench-checkpoints-'), 'copy.db');
    copyFileSync(file, copy);
    copyFileSync(`${file}-wal`, `${copy}-wal`);
    const recovered = new Database(copy);
    expect(recovered.prepare(`SELECT count(*) FROM bench_meta WHERE key LIKE 'row-%'`).pluck().get()).toBe(200);
    expect(recovered.pragma('integrity_check', { simple: true })).toBe('ok');
    recovered.close();
  });

  it('leaves a small WAL alone when writes pause: a checkpoint is not worth its syncs yet', async () => {
    const { db, file } = bench();
    const checkpoints = await startBackgroundCheckpoints(db, { idleMs: 20, minRows: 500, log: () => {} });
    open[0]!.checkpoints = checkpoints;
    const fileBefore = size(file);
    commitRows(db, 0, 100);
    checkpoints.wrote();
    await sleep(300);
    expect(size(file)).toBe(fileBefore);
    commitRows(db, 100, 400); // now 500 rows since the last checkpoint
    checkpoints.wrote();
    await until('the rows are in the database file', () => size(file) > fileBefore + 500 * 2 * PAGE);
  });

  it('leaves SQLite checkpointing inline when the thread cannot open the file', async () => {
    const { db, file } = bench();
    unlinkSync(file); // the core's connection keeps its open file; the thread finds none
    const logged: string[] = [];
    const checkpoints = await startBackgroundCheckpoints(db, { log: (message) => logged.push(message) });
    open[0]!.checkpoints = checkpoints;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(logged.join('\n')).toMatch(/background checkpoints stopped/);
    expect(await checkpoints.checkpointNow()).toBeNull();
  });

  it('runs in the core service: an import is copied into the file once writes pause, and no screen is told another process wrote', async () => {
    const file = join(tempDir('bench-checkpoints-'), 'bench.db');
    const service = await startCoreService({ worker: sourceWorker(), config: { file, externalCheckMs: 20 }, log: () => {} });
    try {
      const events: BenchEvent[] = [];
      service.subscribe((event) => events.push(event));
      const rows = Array.from({ length: 1_500 }, (_, i) => [`SKU-${i}`, `Title ${i}`, '', 'none', 1]);
      const imported = await service.api.importCsv({ files: [{ name: 'products.csv', content: csv([[...HEADERS.products], ...rows]) }] });
      expect(imported.ok).toBe(true);
      const fileBefore = size(file);
      await until('the import is in the database file', () => size(file) > fileBefore + 100 * PAGE);
      await sleep(200); // several looks for other processes' writes (every 20 ms) after the checkpoint
      expect(events.filter((e) => e.kind === 'data').map((e) => e.kind === 'data' && e.source)).toEqual(['local']);
    } finally {
      await service.close();
    }
  });
});
