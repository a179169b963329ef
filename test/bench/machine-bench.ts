/**
 * How fast this machine is right now, so runs taken hours apart can be compared: this VM's speed moves by
 * half over a day. A fixed CPU workload in the shapes the bench's own work takes (SQLite inserts into an
 * indexed table, JSON in and out), median of three, and the load average as the run starts. No targets:
 * read a slow row beside these before calling it a regression.
 */
import Database from 'better-sqlite3';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { count, figure, median, type BenchFigure, type BenchOptions } from './figures.js';

const ROWS = 200_000;

function fixedWorkload(rows: number): number {
  const started = performance.now();
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT NOT NULL, n INTEGER NOT NULL); CREATE INDEX t_value ON t (value)');
    const insert = db.prepare('INSERT INTO t (value, n) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(`35693803${String((i * 7919) % rows).padStart(7, '0')}`, i);
    })();
    const read = db.prepare('SELECT value, n FROM t ORDER BY value LIMIT 20000').all();
    JSON.parse(JSON.stringify(read));
  } finally {
    db.close();
  }
  return performance.now() - started;
}

export async function runMachineBenchmarks(options: BenchOptions): Promise<BenchFigure[]> {
  const load = loadavg()[0]!;
  const rows = options.quick ? ROWS / 10 : ROWS;
  const times = [0, 1, 2].map(() => fixedWorkload(rows));
  return [
    figure(`machine: fixed CPU workload (${count(rows)} indexed SQLite rows in memory, JSON round trip), median of 3`, median(times), 'ms'),
    figure('machine: load average (1 min) as the run started', load, ''),
  ];
}
