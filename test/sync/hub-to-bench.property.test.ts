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
    const [writer, reader] = await warehouse(hub, 'North', ['W', 'R']);
    const orderSystem = await integration(hub, 'North');
    const bench = openTestBench();
    const { applier, conflicts } = pullApplierOn(bench);
    const db = bench.writer;
    const productOf = db.prepare<[string], { title: string; barcode: string | null; identifier_mode: string }>(
      'SELECT title, barcode, identifier_mode FROM products WHERE sku = ?',
    );
    const identifierCount = db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM identifiers i JOIN products p ON p.id = i.product_id WHERE p.sku = ? AND i.value = ?',
    );
    const orderOf = db.prepare<[string], { customer: string; sku: string; quantity: number }>(
      `SELECT o.customer, p.sku, l.quantity FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
        WHERE o.order_number = ? AND l.line_no = 1`,
    );
    const allocationOf = db.prepare<[string], { value: string }>(
      `SELECT i.value FROM allocations a JOIN identifiers i ON i.id = a.identifier_id JOIN order_lines l ON l.id = a.line_id
         JOIN orders o ON o.id = l.order_id WHERE o.order_number = ? AND l.line_no = 1 AND a.unit = 1`,
    );
    let cursor: string | undefined;
    let pulled = 0;
    let applied = 0;
    let rejected = 0;

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
          const ops: SyncOp[] = [
            { type: 'product.upsert', sku: g.sku, title: g.title, barcode: g.barcode, identifierMode: 'multiple_use' },
            { type: 'identifier.add', sku: g.sku, values: [g.value] },
            { type: 'order.upsert', orderNumber: g.orderNumber, customer: g.customer, lines: [{ lineNo: 1, sku: g.sku, quantity: g.quantity }] },
            { type: 'allocation.set', orderNumber: g.orderNumber, lineNo: 1, unit: 1, sku: g.sku, value: g.value },
            { type: 'stock.delta', sku: g.sku, delta: g.delta },
          ];
          const pushed = await writer!.pushEntries(writer!.entries(ops));
          expect(pushed.status).toBe(200);
          const results: PushResult[] = pushed.body.results;
          // Generated values repeat across runs (an order already there, a stock delta out of bounds):
          // the hub may refuse such an op, with a reason, but it takes every op on its own.
          for (const result of results) {
            expect(['applied', 'duplicate', 'rejected']).toContain(result.status);
            if (result.status === 'rejected') {
              rejected++;
              expect(result.reason).toMatch(/\w/);
            } else applied++;
          }
          const intake = await orderSystem.orders([{ orderNumber: g.intakeNumber, customer: g.intakeCustomer, lines: [{ lineNo: 1, sku: g.sku, quantity: g.quantity }] }]);
          expect(intake.status).toBe(200);

          const page = await reader!.pullAll(cursor, 50);
          cursor = page.cursor;
          pulled += page.changes.length;
          for (const change of page.changes) {
            const parsed = pullChangeSchema.safeParse(change);
            expect(parsed.success, `the hub sent a change the bench's schema refuses: ${JSON.stringify(change).slice(0, 300)}`).toBe(true);
          }
          // As the engine does: through JSON, one page.
          expect(applier.applyPage(JSON.parse(JSON.stringify(page.changes)) as unknown[], cursor)).toEqual({ applied: page.changes.length, quarantined: 0 });

          // What the hub took reads the same at the bench, to the byte.
          if (results[0]!.status === 'applied') {
            expect(productOf.get(g.sku)).toEqual({ title: g.title, barcode: g.barcode, identifier_mode: 'multiple_use' });
          }
          if (results[1]!.status === 'applied') expect(identifierCount.get(g.sku, g.value)!.n).toBe(1);
          if (results[2]!.status === 'applied') expect(orderOf.get(g.orderNumber)).toEqual({ customer: g.customer, sku: g.sku, quantity: g.quantity });
          if (results[3]!.status === 'applied') expect(allocationOf.get(g.orderNumber)).toEqual({ value: g.value });
          const taken = intake.body.results[0]!;
          if (taken.status === 'created' || taken.status === 'updated') {
            expect(orderOf.get(g.intakeNumber)).toEqual({ customer: g.intakeCustomer, sku: g.sku, quantity: g.quantity });
          }
        },
      ),
      { numRuns: 40 },
    );
    // The property saw real traffic: most ops went through, and the pulls carried them.
    expect(applied).toBeGreaterThan(rejected);
    expect(pulled).toBeGreaterThan(100);
    expect(conflicts.openCount()).toBe(0);
  });
});
