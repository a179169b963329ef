/**
 * BENCH_SERVICE_VERBOSE=1, beside the allocate + complete figures: how many WAL frames (pages) one
 * order's commit writes, and in which b-trees. Counted in-process on a file of its own (the same orders,
 * fewer of them), with no checkpoint meanwhile: each commit's frames are those its COMMIT appended to the
 * WAL, and dbstat names the b-tree each page belongs to. Unlike the times, this does not move with load.
 */
import type Database from 'better-sqlite3';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { openBenchParts } from '../../electron/core/bench-parts.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';

const csv = (rows: Array<Array<string | number>>) => rows.map((r) => r.join(',')).join('\n') + '\n';
export const identifierValue = (i: number) => `35693803${String(i).padStart(7, '0')}`;

/** The allocate + complete setup: `n` orders of a single-use phone and two cables, a phone value each. */
export function allocateSetupFiles(n: number) {
  const orders: Array<Array<string | number>> = [];
  for (let i = 0; i < n; i++) {
    const number = `SO-${String(i).padStart(6, '0')}`;
    orders.push([number, `Customer ${i}`, 'PHN', 1], [number, `Customer ${i}`, 'CBL', 2]);
  }
  return [
    { name: 'products.csv', content: csv([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ['PHN', 'Phone', '', 'single_use', n], ['CBL', 'Cable', '', 'none', n * 2]]) },
    { name: 'identifiers.csv', content: csv([['sku', 'identifier'], ...Array.from({ length: n }, (_, i) => ['PHN', identifierValue(i)])]) },
    { name: 'orders.csv', content: csv([['order_number', 'customer', 'sku', 'quantity'], ...orders]) },
  ];
}

export type OrderLines = Array<{ orderId: number; phnLine: number; cblLine: number }>;

export function orderLinesOf(db: Database.Database): OrderLines {
  return db
    .prepare(`SELECT o.id AS orderId, min(l.id) AS phnLine, max(l.id) AS cblLine FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.id ORDER BY o.id`)
    .all() as OrderLines;
}

/** What "Complete Order" in the allocation dialog sends for order `i`: the boxes and the quantities, one call. */
export function completeArgs(i: number, { orderId, phnLine, cblLine }: OrderLines[number]) {
  return {
    orderId,
    lines: [{ lineId: phnLine, quantity: 1 }, { lineId: cblLine, quantity: 2 }],
    allocations: [{ lineId: phnLine, unit: 1, value: identifierValue(i) }],
  };
}

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** The report as text: WAL frames per order, and per b-tree. */
export function walFramesReport(dir: string, orders: number): string {
  const file = join(dir, 'wal-frames.db');
  const parts = openBenchParts({ file });
  const { core, db } = parts;
  try {
    db.pragma('wal_autocheckpoint = 0');
    const imported = invokeBenchMethod(core, 'importCsv', { files: allocateSetupFiles(orders) });
    if (!imported.ok) throw new Error(`the setup import was refused: ${imported.error.message}`);
    const lines = orderLinesOf(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const frameSize = (db.pragma('page_size', { simple: true }) as number) + FRAME_HEADER;
    const pagesOf = db.prepare<[], { name: string; pageno: number }>('SELECT name, pageno FROM dbstat');
    const byTree = new Map<string, number>();
    let frames = 0;
    const wal = openSync(`${file}-wal`, 'r');
    try {
      const header = Buffer.alloc(4);
      for (const [i, order] of lines.entries()) {
        const before = Math.max(fstatSync(wal).size, WAL_HEADER);
        const done = invokeBenchMethod(core, 'completeOrder', completeArgs(i, order));
        if (!done.ok) throw new Error(`order ${order.orderId} was refused: ${done.error.message}`);
        const owner = new Map(pagesOf.all().map((p) => [p.pageno, p.name]));
        for (let at = before; at + frameSize <= fstatSync(wal).size; at += frameSize) {
          readSync(wal, header, 0, 4, at);
          const page = header.readUInt32BE(0);
          const tree = page === 1 ? 'page 1 (schema, file header)' : (owner.get(page) ?? 'freelist');
          byTree.set(tree, (byTree.get(tree) ?? 0) + 1);
          frames++;
        }
      }
    } finally {
      closeSync(wal);
    }
    const perOrder = (n: number) => (n / lines.length).toFixed(2);
    return [
      `WAL frames per allocate + complete order: ${perOrder(frames)} (in-process, ${lines.length} orders, 4 KB pages); by b-tree:`,
      ...[...byTree].sort((a, b) => b[1] - a[1]).map(([tree, n]) => `  ${tree.padEnd(34)} ${perOrder(n).padStart(6)}`),
    ].join('\n');
  } finally {
    core.close();
  }
}
