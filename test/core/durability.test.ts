/**
 * Durability: a child process writes through the use cases in a loop and is killed with SIGKILL
 * mid-loop. Reopening the file shows every change the child reported committed, nothing half-done
 * (stock arithmetic matches the dispatch rows, the outbox and audit log match the changes), and
 * PRAGMA integrity_check = ok. Several rounds on the same file.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../electron/core/db/open.js';
import { openTestBench, type TestBench } from './helpers.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WRITER = join(REPO, 'test/core/durability-writer.ts');
const SU_UNITS = 3000;
const BIG_STOCK = 1_000_000;

/** Runs the writer until it has reported `lines` committed steps, then SIGKILLs it. */
function runAndKill(file: string, firstStep: number, lines: number): Promise<{ reported: string[]; signal: string | null }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, String(firstStep)], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported: string[] = [];
    let buffered = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) if (!killed) reported.push(line);
      if (!killed && reported.length >= lines) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own (code ${code}): ${stderr}`));
      else resolvePromise({ reported, signal });
    });
  });
}

/** Runs the writer to its last step; resolves with what it reported, its exit code and stderr. */
function runToEnd(file: string, args: string[]): Promise<{ reported: string[]; code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise({ reported: stdout.split('\n').filter(Boolean), code, stderr }));
  });
}

function countBy(db: Db, sql: string): Record<string, number> {
  return Object.fromEntries(db.prepare(sql).raw().all() as Array<[string, number]>);
}

function seed(bench: TestBench) {
  bench.importRows({
    'products.csv': [
      ['D-SU', 'Durable single', '', 'single_use', SU_UNITS],
      ['D-MU', 'Durable multi', '', 'multiple_use', BIG_STOCK],
      ['D-NONE', 'Durable none', '', 'none', BIG_STOCK],
    ],
    'identifiers.csv': [
      ...Array.from({ length: SU_UNITS }, (_, i) => ['D-SU', `SN-${String(i).padStart(5, '0')}`]),
      ['D-MU', 'LOT-0'],
      ['D-MU', 'LOT-1'],
      ['D-MU', 'LOT-2'],
    ],
  });
}

function verify(bench: TestBench, reported: string[], baseline: { ops: Record<string, number>; audit: Record<string, number> }) {
  const db = bench.reader;
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  const one = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;

  // every reported step is there
  for (const line of reported) {
    const [kind, stepText] = line.split(' ');
    const number = `W-${stepText}`;
    if (kind === 'IMPORT') expect(one('SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_number = ?', number), line).toBe(3);
    else if (kind === 'ALLOC') {
      expect(one('SELECT count(*) FROM allocations a JOIN order_lines l ON l.id = a.line_id JOIN orders o ON o.id = l.order_id WHERE o.order_number = ?', number), line).toBe(3);
    } else if (kind === 'DISPATCH') expect(one(`SELECT count(*) FROM orders WHERE order_number = ? AND status = 'dispatched'`, number), line).toBe(1);
    else if (kind === 'STOCK') expect(one(`SELECT count(*) FROM identifiers WHERE value = ?`, `NEW-${stepText}`), line).toBe(1);
    else throw new Error(`unexpected line "${line}"`);
  }

  // nothing half-done: orders whole, allocations whole, dispatches whole
  expect(one(`SELECT count(*) FROM orders o WHERE (SELECT count(*) FROM order_lines WHERE order_id = o.id) <> 3`)).toBe(0);
  expect(
    one(`SELECT count(*) FROM orders o WHERE (SELECT count(*) FROM allocations a JOIN order_lines l ON l.id = a.line_id WHERE l.order_id = o.id) NOT IN (0, 3)`),
  ).toBe(0);
  expect(one(`SELECT count(*) FROM dispatches d WHERE (SELECT count(*) FROM dispatch_lines WHERE dispatch_id = d.id) <> 3`)).toBe(0);
  expect(
    one(`SELECT count(*) FROM order_lines l WHERE l.dispatched <> coalesce((SELECT sum(quantity) FROM dispatch_lines WHERE line_id = l.id), 0)`),
  ).toBe(0);
  expect(
    one(`SELECT count(*) FROM orders o WHERE (o.status = 'dispatched') <> NOT EXISTS (SELECT 1 FROM order_lines WHERE order_id = o.id AND dispatched < quantity)`),
  ).toBe(0);
  expect(one(`SELECT count(*) FROM allocations a JOIN order_lines l ON l.id = a.line_id WHERE (a.dispatch_id IS NOT NULL) <> (a.unit <= l.dispatched)`)).toBe(0);

  // stock arithmetic against the dispatch rows
  const dispatched = countBy(
    db,
    `SELECT p.sku, coalesce(sum(dl.quantity), 0) FROM products p LEFT JOIN order_lines l ON l.product_id = p.id
     LEFT JOIN dispatch_lines dl ON dl.line_id = l.id GROUP BY p.sku`,
  );
  const stock = countBy(db, 'SELECT sku, stock_level FROM products');
  const added = one(`SELECT count(*) FROM identifiers WHERE value LIKE 'NEW-%'`);
  expect(stock['D-SU']).toBe(SU_UNITS + added - dispatched['D-SU']!);
  expect(stock['D-MU']).toBe(BIG_STOCK - dispatched['D-MU']!);
  expect(stock['D-NONE']).toBe(BIG_STOCK - dispatched['D-NONE']!);
  const su = countBy(db, `SELECT status, count(*) FROM identifiers i JOIN products p ON p.id = i.product_id WHERE p.sku = 'D-SU' GROUP BY status`);
  expect((su.available ?? 0) + (su.allocated ?? 0)).toBe(stock['D-SU']);
  expect(su.consumed ?? 0).toBe(dispatched['D-SU']);
  expect(su.allocated ?? 0).toBe(one(`SELECT count(*) FROM allocations WHERE single_use = 1 AND dispatch_id IS NULL`));

  // the outbox and the audit log hold exactly one record per change
  const ops = countBy(db, `SELECT json_extract(op, '$.type'), count(*) FROM outbox GROUP BY 1`);
  const orders = one(`SELECT count(*) FROM orders WHERE order_number LIKE 'W-%'`);
  const allocationRows = one(`SELECT count(*) FROM allocations`);
  const dispatches = one(`SELECT count(*) FROM dispatches`);
  const expectOps = (type: string, n: number) => expect(ops[type] ?? 0, type).toBe((baseline.ops[type] ?? 0) + n);
  expectOps('order.upsert', orders);
  expectOps('allocation.set', allocationRows);
  expectOps('order.dispatch', dispatches);
  expectOps('stock.delta', added);
  expectOps('identifier.add', added);
  const audit = countBy(db, 'SELECT action, count(*) FROM audit_log GROUP BY action');
  const expectAudit = (action: string, n: number) => expect(audit[action] ?? 0, action).toBe((baseline.audit[action] ?? 0) + n);
  expectAudit('import', orders);
  expectAudit('allocations.save', allocationRows / 3);
  expectAudit('order.dispatch', dispatches);
  expectAudit('product.stock', added);
  return { orders, dispatches };
}

describe('durability', () => {
  it('keeps every committed change and nothing half-done across repeated SIGKILLs', async () => {
    const bench = openTestBench();
    seed(bench);
    const baseline = {
      ops: countBy(bench.reader, `SELECT json_extract(op, '$.type'), count(*) FROM outbox GROUP BY 1`),
      audit: countBy(bench.reader, 'SELECT action, count(*) FROM audit_log GROUP BY action'),
    };
    bench.close();

    const rounds = [37, 120, 9, 250];
    let totalReported = 0;
    for (const [round, lines] of rounds.entries()) {
      const { reported } = await runAndKill(bench.file, round * 100_000, lines);
      expect(reported.length).toBeGreaterThanOrEqual(lines);
      expect(reported).not.toContain('EXHAUSTED');
      totalReported += reported.length;
      bench.reopen();
      const { orders } = verify(bench, reported, baseline);
      expect(orders).toBeGreaterThanOrEqual(reported.filter((l) => l.startsWith('IMPORT')).length);
      // the bench works on after the crash
      expect(bench.ok('listAwaitingOrders', {}).total).toBeLessThanOrEqual(round + 1);
      bench.close();
    }
    expect(totalReported).toBeGreaterThanOrEqual(rounds.reduce((a, b) => a + b, 0));
  });

  it('lets two processes write the same file at once (the app and the CLI): they wait for each other, nothing fails', async () => {
    const bench = openTestBench();
    seed(bench);
    const baseline = {
      ops: countBy(bench.reader, `SELECT json_extract(op, '$.type'), count(*) FROM outbox GROUP BY 1`),
      audit: countBy(bench.reader, 'SELECT action, count(*) FROM audit_log GROUP BY action'),
    };
    bench.close();
    const [a, b] = await Promise.all([
      runToEnd(bench.file, ['0', '119', 'shared-start']),
      runToEnd(bench.file, ['100000', '100119', 'shared-end']),
    ]);
    for (const run of [a, b]) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.reported.at(-1)).toBe('DONE');
    }
    bench.reopen();
    const reported = [...a.reported, ...b.reported].filter((line) => line !== 'DONE');
    expect(reported).toHaveLength(2 * 120 * 3);
    const { orders, dispatches } = verify(bench, reported, baseline);
    expect([orders, dispatches]).toEqual([240, 240]);
  });
});
