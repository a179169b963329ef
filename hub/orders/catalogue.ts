/**
 * POST /v1/products, /v1/identifiers, /v1/stock-counts: the order system as catalogue authority.
 * Each item is checked on its own with the shared schema and applied as the same op a bench pushes,
 * in its own transaction (intake_op); answered applied or rejected with the reason. All idempotent:
 * a product or identifier sent again changes nothing, and a stock count is a stock-take with a time -
 * the latest count wins and movements after it add, so the same count twice never doubles anything.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { Principal } from '../auth/authenticate.js';
import { isRetryable } from '../db/pool.js';
import { specsOf, unfitValues } from '../identifiers/formats.js';
import type { SyncOp } from '../../shared/sync/ops.js';
import {
  describeZodError,
  identifiersInputSchema,
  productInputSchema,
  stockCountSchema,
  type CatalogueResponse,
  type CatalogueResult,
} from '../../shared/sync/protocol.js';

function claimedSku(raw: unknown): string {
  const sku = (raw as { sku?: unknown } | null)?.sku;
  return typeof sku === 'string' ? sku.slice(0, 100) : '';
}

async function intake<S extends z.ZodType<{ sku: string }>>(
  db: pg.Pool,
  principal: Principal,
  items: unknown[],
  key: string,
  schema: S,
  toOp: (item: z.infer<S>) => SyncOp,
  /** A reason to refuse the item that needs the database (e.g. its identifiers break the product's format). */
  refuse?: (item: z.infer<S>) => Promise<string | null>,
): Promise<CatalogueResponse> {
  const results: CatalogueResult[] = [];
  for (const [i, raw] of items.entries()) {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      results.push({ sku: claimedSku(raw), status: 'rejected', reason: `${key}.${i}: ${describeZodError(parsed.error)}` });
      continue;
    }
    const refusal = refuse ? await refuse(parsed.data) : null;
    if (refusal) {
      results.push({ sku: parsed.data.sku, status: 'rejected', reason: `${key}.${i}: ${refusal}` });
      continue;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await db.query<{ r: { status: CatalogueResult['status']; reason?: string } }>({
          name: 'hub_intake_op',
          text: 'SELECT intake_op($1, $2) AS r',
          values: [principal.warehouseId, toOp(parsed.data)],
        });
        results.push({ sku: parsed.data.sku, ...answer.rows[0]!.r });
        break;
      } catch (err) {
        if (!isRetryable(err) || attempt >= 5) throw err;
      }
    }
  }
  return { results };
}

export const intakeProducts = (db: pg.Pool, principal: Principal, items: unknown[]) =>
  intake(db, principal, items, 'products', productInputSchema, (p): SyncOp => ({ type: 'product.upsert', ...p }));

export const intakeIdentifiers = (db: pg.Pool, principal: Principal, items: unknown[]) =>
  intake(
    db,
    principal,
    items,
    'identifiers',
    identifiersInputSchema,
    (p): SyncOp => ({ type: 'identifier.add', ...p }),
    async (p) => unfitValues(p.sku, p.values, (await specsOf(db, principal.warehouseId, [p.sku])).get(p.sku)),
  );

export const intakeStockCounts = (db: pg.Pool, principal: Principal, items: unknown[]) =>
  intake(db, principal, items, 'counts', stockCountSchema, (c): SyncOp => ({ type: 'stock.count', ...c }));
