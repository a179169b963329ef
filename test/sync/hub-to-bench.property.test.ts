/**
 * "Any value the hub accepts, every bench applies", end to end (issue 9): ops with generated edge text
 * and numbers go to a real hub (real PostgreSQL) as a bench pushes them and as the order system sends
 * orders; whatever the hub took comes back on a real pull, where every change must pass the shared
 * pull schema and a real bench store must apply it (nothing quarantined, no conflict) byte for byte.
 * The hub's change log is written by SQL, not by TypeScript, so this is what holds the two together.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_QUANTITY, MAX_STOCK_LEVEL } from '../../shared/sync/bounds.js';
import { pullChangeSchema, type PushResult } from '../../shared/sync/protocol.js';
import type { SyncOp } from '../../shared/sync/ops.js';
import { openTestBench } from '../core/helpers.js';
import { integration, useHubFixture, warehouse } from '../hub/fixture.js';
import { rowTexts, validText } from './edge-text.js';
import { pullApplierOn } from './pull-applier.js';

const fx = useHubFixture();

describe('what the hub accepts, every bench applies (real hub, real pull)', () => {
  it('pulls every change it took in the shared shape, and a bench applies each byte for byte (fast-check)', async () => {
    const hub = await fx.hub();
    let run = 0;
    let pulled = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.record({
          ...rowTexts(),
          intakeNumber: validText('orderNumber'),
          intakeCustomer: validText('customer'),
          quantity: fc.integer({ min: 1, max: MAX_LINE_QUANTITY }),
          delta: fc.integer({ min: -MAX_STOCK_LEVEL, max: MAX_STOCK_LEVEL }),
        }).filter((g) => g.intakeNumber !== g.orderNumber), // the intake comes second: it would replace the pushed order
        async (g) => {
          // Each run in a warehouse and a bench store of its own, so every key is new and a shrunk
          // counterexample fails on its own.
          const name = `W${++run}`;
          const [writer, reader] = await warehouse(hub, name, [`${name}-W`, `${name}-R`]);
          const orderSystem = await integration(hub, name);
          const bench = openTestBench();
          const { applier, conflicts } = pullApplierOn(bench);
          const ops: SyncOp[] = [
            { type: 'product.upsert', sku: g.sku, title: g.title, barcode: g.barcode, identifierMode: 'multiple_use' },
            { type: 'identifier.add', sku: g.sku, values: [g.value] },
            { type: 'order.upsert', orderNumber: g.orderNumber, customer: g.customer, lines: [{ lineNo: 1, sku: g.sku, quantity: g.quantity }] },
            { type: 'allocation.set', orderNumber: g.orderNumber, lineNo: 1, unit: 1, sku: g.sku, value: g.value },
            { type: 'stock.delta', sku: g.sku, delta: g.delta },
          ];
          const pushed = await writer!.pushEntries(writer!.entries(ops));
          expect(pushed.status).toBe(200);
          // All new to the hub and within the bounds: every op is taken, but a delta that would take the
          // new product's stock (0) below zero, which is refused with a reason.
          const results: PushResult[] = pushed.body.results;
          expect(results.slice(0, 4).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
          if (g.delta >= 0) expect(results[4]!.status).toBe('applied');
          else expect(results[4]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/stock/) });
          const intake = await orderSystem.orders([{ orderNumber: g.intakeNumber, customer: g.intakeCustomer, lines: [{ lineNo: 1, sku: g.sku, quantity: g.quantity }] }]);
          expect(intake.status).toBe(200);
          expect(intake.body.results[0]!.status).toBe('created');

          const page = await reader!.pullAll(undefined, 50);
          pulled += page.changes.length;
          for (const change of page.changes) {
            const parsed = pullChangeSchema.safeParse(change);
            expect(parsed.success, `the hub sent a change the bench's schema refuses: ${JSON.stringify(change).slice(0, 300)}`).toBe(true);
          }
          // As the engine does: through JSON, one page.
          expect(applier.applyPage(JSON.parse(JSON.stringify(page.changes)) as unknown[], page.cursor)).toEqual({ applied: page.changes.length, quarantined: 0 });
          expect(conflicts.openCount()).toBe(0);

          // What the hub took reads the same at the bench, to the byte.
          const read = (sql: string, ...values: string[]) => bench.reader.prepare(sql).get(...values);
          expect(read('SELECT title, barcode, identifier_mode, stock_level FROM products WHERE sku = ?', g.sku)).toEqual({
            title: g.title,
            barcode: g.barcode,
            identifier_mode: 'multiple_use',
            stock_level: Math.max(g.delta, 0),
          });
          expect(read('SELECT count(*) AS n FROM identifiers i JOIN products p ON p.id = i.product_id WHERE p.sku = ? AND i.value = ?', g.sku, g.value)).toEqual({ n: 1 });
          const orderOf = (orderNumber: string) =>
            read(
              `SELECT o.customer, p.sku, l.quantity FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
                WHERE o.order_number = ? AND l.line_no = 1`,
              orderNumber,
            );
          expect(orderOf(g.orderNumber)).toEqual({ customer: g.customer, sku: g.sku, quantity: g.quantity });
          expect(orderOf(g.intakeNumber)).toEqual({ customer: g.intakeCustomer, sku: g.sku, quantity: g.quantity });
          expect(
            read(
              `SELECT i.value FROM allocations a JOIN identifiers i ON i.id = a.identifier_id JOIN order_lines l ON l.id = a.line_id
                 JOIN orders o ON o.id = l.order_id WHERE o.order_number = ? AND l.line_no = 1 AND a.unit = 1`,
              g.orderNumber,
            ),
          ).toEqual({ value: g.value });
        },
      ),
      { numRuns: 30 },
    );
    // Product, identifier, two orders, the allocation, and stock when it moved: at least five a run.
    expect(pulled).toBeGreaterThanOrEqual(5 * 30);
  });
});
