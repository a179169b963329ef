/**
 * WAL checkpoints off the core's thread. By default SQLite checkpoints inside the COMMIT that takes
 * the WAL past 1,000 pages: that commit also copies the pages into the database file and syncs it,
 * and the next commit restarts the WAL (one more sync), so about one "Complete Order" in twenty took
 * two or three times as long as the rest. Here the core's connection never checkpoints
 * (wal_autocheckpoint = 0); a second connection in a small thread of its own does: once writes pause
 * for `idleMs` if the core has changed `minRows` rows since the last one (a row is about a page: SQLite's
 * own threshold), and under sustained writes once it has changed `maxRows`, so the WAL stays bounded
 * while its restarts (each costs the next commit one more sync) stay rare.
 * A PASSIVE checkpoint copies the bulk without blocking the writer; more PASSIVE passes, a moment
 * apart, copy what was committed meanwhile until one finds only a few commits' frames new; a FULL one
 * then copies those (holding the writer off for that little only), so the next commit can restart the
 * WAL rather than let it grow while writes keep coming. (A FULL straight after the bulk had all that was
 * committed during it to copy, and a commit meeting its lock sleeps in SQLite's busy handler, 1, 2, 5,
 * 10… ms at a time: under sustained writes one "Complete Order" per checkpoint took 20–50 ms.)
 * A WAL file that grows costs every commit more than one written over: each sync must also record the
 * file's new size and blocks (about twice the time on ext4). SQLite keeps the file once grown (up to
 * WAL_SIZE_LIMIT) and writes it from its start after each restart, so only a fresh file grows, but
 * that is the first 64 MB of commits after opening. So once writes pause after a checkpoint, the
 * thread extends the file to WAL_SIZE_LIMIT, a chunk at a time, each under the write lock (no commit
 * writes meanwhile) and synced before the lock is let go; SQLite ignores what lies past its last frame.
 * If the thread cannot start or fails, the core's connection checkpoints as SQLite does by default.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './open.js';

/** Writes quiet for this long: copy the WAL back now, if at least CHECKPOINT_MIN_ROWS rows changed. */
export const CHECKPOINT_IDLE_MS = 500;
export const CHECKPOINT_MIN_ROWS = 1_000;
/**
 * Writes keep coming: copy back once this many rows changed since the last checkpoint. Below the frames
 * WAL_SIZE_LIMIT holds (16,288 of 4 KB pages), with room: a "Complete Order" writes about a page per row
 * it changes, and at 16,000 rows its WAL held 15,500–16,400 frames, so the last commits before a
 * checkpoint sometimes grew the file (and the restart cut it back).
 */
export const CHECKPOINT_MAX_ROWS = 14_000;
/** The FULL step waits at most this long for a commit in progress (or a reader) before copying what it can. */
export const CHECKPOINT_BUSY_MS = 100;
/** PASSIVE passes one checkpoint may take to catch up with the writer before a FULL one finishes it. */
export const CATCH_UP_PASSES = 40;
/** Passes stop once the last one had at most this many new frames to copy (a few "Complete Order" commits). */
export const CATCH_UP_FRAMES = 100;
/** The pause between those passes (ms), for commits in progress to land. */
export const CATCH_UP_PAUSE_MS = 2;
/** After a restart, a WAL file larger than this is truncated back to it (bytes); writes pausing, it is grown to it. */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024;
/** The WAL is extended by at most this much per hold of the write lock (bytes). */
export const WAL_RESERVE_CHUNK = 4 * 1024 * 1024;

export interface BackgroundCheckpoints {
  /** Something may have been committed: a checkpoint follows when writes pause, or at once if much was written. */
  wrote(): void;
  /** Runs a checkpoint now, whatever was written, and answers when it is done. */
  checkpointNow(): Promise<CheckpointResult | null>;
  /** Stops the thread after any checkpoint in progress; its connection closes. */
  close(): Promise<void>;
}

/** What PRAGMA wal_checkpoint answers: frames in the WAL, and how many of them are in the database file now. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export interface BackgroundCheckpointOptions {
  idleMs?: number;
  minRows?: number;
  maxRows?: number;
  busyMs?: number;
  /** The size the WAL file is grown to while writes pause (bytes; 0: never grown ahead). */
  reserveBytes?: number;
  log: (message: string, error?: unknown) => void;
}

// The thread's whole program: plain CommonJS (an eval worker), so it needs no bundle of its own.
// synchronous = FULL: the checkpoint syncs the WAL before copying and the database file after.
const CHECKPOINT_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
db.pragma('wal_autocheckpoint = 0');
db.pragma('busy_timeout = ' + workerData.busyMs);
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    if (message.reserve) {
      parentPort.postMessage({ ok: true, grown: reserve(message.reserve, message.chunk) });
      return;
    }
    parentPort.postMessage({ ok: true, result: checkpoint() });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String((error && error.message) || error) });
  }
});
// PASSIVE passes never take the write lock. Each copies what was committed before it started; passes
// repeat, a moment apart, while the one before found more than a few commits' frames to copy. The FULL
// one that ends the checkpoint (so the next commit restarts the WAL) then copies only those last few
// while it holds commits off.
const pause = new Int32Array(new SharedArrayBuffer(4));
function checkpoint() {
  let result = db.pragma('wal_checkpoint(PASSIVE)')[0];
  let copied = 0;
  for (let pass = 1; pass < workerData.catchUpPasses && result.log - copied > workerData.catchUpFrames; pass++) {
    copied = result.log;
    Atomics.wait(pause, 0, 0, workerData.catchUpPauseMs);
    result = db.pragma('wal_checkpoint(PASSIVE)')[0];
    if (result.log < copied) copied = 0; // a commit restarted the WAL meanwhile
  }
  return db.pragma('wal_checkpoint(FULL)')[0];
}
// Grows the WAL file towards 'bytes' by at most 'chunk'; answers how much it grew. Under the write
// lock (an empty IMMEDIATE transaction) no commit appends frames meanwhile; the zeros are synced
// before it is let go, so no commit's sync pays for them. A file without its header is left alone.
function reserve(bytes, chunk) {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if (error && error.code === 'SQLITE_BUSY') return 0; // a long write is on: not idle after all
    throw error;
  }
  try {
    const fd = fs.openSync(workerData.file + '-wal', 'r+');
    try {
      const size = fs.fstatSync(fd).size;
      if (size < 32 || size >= bytes) return 0;
      const end = Math.min(bytes, size + chunk);
      const zeros = Buffer.alloc(Math.min(chunk, 1024 * 1024));
      try {
        for (let at = size; at < end; at += zeros.length) fs.writeSync(fd, zeros, 0, Math.min(zeros.length, end - at), at);
        fs.fdatasyncSync(fd);
      } catch (error) {
        // No room: give back what was taken (only zeros lie past 'size'); the space is the packer's.
        if (!error || error.code !== 'ENOSPC') throw error;
        fs.ftruncateSync(fd, size);
        return 0;
      }
      return end - size;
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    db.exec('COMMIT');
  }
}
parentPort.postMessage('ready');
`;

type ThreadAnswer = 'ready' | { ok: true; result: CheckpointResult } | { ok: true; grown: number } | { ok: false; message: string };

export async function startBackgroundCheckpoints(db: Db, options: BackgroundCheckpointOptions): Promise<BackgroundCheckpoints> {
  const idleMs = options.idleMs ?? CHECKPOINT_IDLE_MS;
  const minRows = options.minRows ?? CHECKPOINT_MIN_ROWS;
  const maxRows = options.maxRows ?? CHECKPOINT_MAX_ROWS;
  const reserveBytes = options.reserveBytes ?? WAL_SIZE_LIMIT;
  const defaultAutocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const thread = new Worker(CHECKPOINT_THREAD, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: db.name,
      busyMs: options.busyMs ?? CHECKPOINT_BUSY_MS,
      catchUpPasses: CATCH_UP_PASSES,
      catchUpFrames: CATCH_UP_FRAMES,
      catchUpPauseMs: CATCH_UP_PAUSE_MS,
    },
  });
  let failed = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let answer: ((value: ThreadAnswer) => void) | null = null;

  /** The thread is gone or broken: the core's own connection checkpoints again, as by default. */
  function fallBack(why: string, error?: unknown): void {
    if (failed) return;
    failed = true;
    if (!closed) options.log(`background checkpoints stopped (${why}); the core checkpoints inline again`, error);
    if (db.open) db.pragma(`wal_autocheckpoint = ${defaultAutocheckpoint}`);
    if (timer) clearTimeout(timer);
    timer = null;
    answer?.({ ok: false, message: why });
  }

  thread.on('message', (message: ThreadAnswer) => answer?.(message));
  thread.on('error', (error) => fallBack('the checkpoint thread failed', error));
  thread.on('exit', () => fallBack('the checkpoint thread ended'));
  const ready = await new Promise<ThreadAnswer>((resolve) => (answer = resolve));
  answer = null;
  if (ready !== 'ready') {
    await thread.terminate();
    return { wrote: () => {}, checkpointNow: async () => null, close: async () => {} };
  }
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  const rowsChanged = db.prepare('SELECT total_changes()').pluck();
  let rowsAtLastCheckpoint = rowsChanged.get() as number;

  const rowsSinceCheckpoint = () => (rowsChanged.get() as number) - rowsAtLastCheckpoint;

  /** Writes told so far: growing the WAL ahead stops as soon as one more comes. */
  let writesTold = 0;
  let checkpointed = false;

  /** Writes paused: copy back if enough was written since the last time; then grow the WAL ahead if a checkpoint ever ran (a session that writes little never needs it). */
  function idle(): void {
    timer = null;
    if (failed || closed || !db.open) return;
    const quietSince = writesTold;
    if (rowsSinceCheckpoint() >= minRows) {
      void checkpointNow().then((done) => {
        if (done) void reserveAhead(quietSince);
      });
    } else if (checkpointed) void reserveAhead(quietSince);
  }

  /** Grows the WAL a chunk at a time while no write was told since `quietSince`. */
  async function reserveAhead(quietSince: number): Promise<void> {
    for (;;) {
      if (failed || closed || reserveBytes <= 0 || writesTold !== quietSince) return;
      const grown = await inThread<number>({ reserve: reserveBytes, chunk: WAL_RESERVE_CHUNK }, (message) => ('grown' in message ? message.grown : 0), 'growing the WAL');
      if (!grown) return;
    }
  }

  /** Runs one job in the thread after any job before it (one at a time); null when it failed or the thread is gone. */
  function inThread<T>(job: unknown, read: (message: Extract<ThreadAnswer, { ok: true }>) => T, what: string): Promise<T | null> {
    const previous = running ?? Promise.resolve(null);
    const next = previous.then(
      () =>
        new Promise<T | null>((resolve) => {
          if (failed || closed) return resolve(null);
          answer = (message) => {
            answer = null;
            if (message === 'ready') return resolve(null);
            if (!message.ok) options.log(`${what} failed: ${message.message}`);
            resolve(message.ok ? read(message) : null);
          };
          thread.postMessage(job);
        }),
    );
    running = next;
    void next.finally(() => {
      if (running === next) running = null;
    });
    return next;
  }

  function checkpointNow(): Promise<CheckpointResult | null> {
    if (failed || closed) return Promise.resolve(null);
    if (timer) clearTimeout(timer);
    timer = null;
    rowsAtLastCheckpoint = rowsChanged.get() as number;
    return inThread('checkpoint', (message) => ('result' in message ? message.result : null), 'a background checkpoint').then((done) => {
      checkpointed ||= done !== null;
      return done;
    });
  }

  return {
    wrote() {
      writesTold++;
      if (failed || closed || !db.open) return;
      // Under sustained writes: copy back now; the pause that follows still grows the WAL ahead.
      if (rowsSinceCheckpoint() >= maxRows) void checkpointNow();
      timer ??= setTimeout(idle, idleMs);
      timer.refresh();
    },
    checkpointNow,
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      if (failed) return;
      const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
      thread.postMessage('close');
      await exited;
      if (db.open) db.pragma(`wal_autocheckpoint = ${defaultAutocheckpoint}`);
    },
  };
}
