/**
 * POST /v1/products, /v1/identifiers, /v1/stock-counts: the order system as catalogue authority.
 * Each item is checked on its own with the shared schema and applied as the same op a bench pushes,
 * in its own transaction (intake_op); answered applied or rejected with the reason (prefixed with the
 * item, e.g. counts.2:). All idempotent: a product or identifier sent again changes nothing, and a stock
 * count is a stock-take with a time - the latest count wins and movements after it add, so the same
 * count twice never doubles anything; a count that changes nothing is answered unchanged (0026).
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { Principal } from '../auth/authenticate.js';
import { isRetryable } from '../db/pool.js';
import { meantSkuWords } from './meant-sku.js';
import { specsOf, unfitValues } from '../identifiers/formats.js';
import { itemInWords, wholeNamed } from '../../shared/sync/issue-words.js';
import { futureCountProblem, type SyncOp } from '../../shared/sync/ops.js';
import {
  describeZodError,
  identifiersInputSchema,
  productInputSchema,
  stockCountInputSchema,
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
  /** The op(s) the item is; several are applied in one transaction, all or none. */
  toOp: (item: z.infer<S>) => SyncOp | SyncOp[],
  /** A reason to refuse the item that needs the database (e.g. its identifiers break the product's format). */
  refuse?: (item: z.infer<S>) => Promise<string | null>,
): Promise<CatalogueResponse> {
  const results: CatalogueResult[] = [];
  // "unknown SKU a-1" with the SKU probably meant, as the order intake says it; once per unknown SKU of the request.
  const withMeantSku = meantSkuWords(db, principal.warehouseId);
  for (const [i, raw] of items.entries()) {
    const parsed = schema.safeParse(raw, { error: wholeNamed(itemInWords(key, i)) });
    if (!parsed.success) {
      results.push({ sku: claimedSku(raw), status: 'rejected', reason: `${key}.${i}: ${describeZodError(parsed.error, '')}` });
      continue;
    }
    const refusal = refuse ? await refuse(parsed.data) : null;
    if (refusal) {
      results.push({ sku: parsed.data.sku, status: 'rejected', reason: `${key}.${i}: ${refusal}` });
      continue;
    }
    const ops = [toOp(parsed.data)].flat();
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = ops.length === 1 ? await applyOne(db, principal, ops[0]!) : await applyAll(db, principal, ops);
        if (answer.reason !== undefined) answer.reason = await withMeantSku(answer.reason, [parsed.data.sku]);
        // A reason from the database names its item as a schema rejection does.
        results.push({ sku: parsed.data.sku, ...answer, ...(answer.reason === undefined ? {} : { reason: `${key}.${i}: ${answer.reason}` }) });
        break;
      } catch (err) {
        if (!isRetryable(err) || attempt >= 5) throw err;
      }
    }
  }
  return { results };
}

type IntakeAnswer = { status: CatalogueResult['status']; reason?: string };

async function applyOne(db: pg.Pool | pg.PoolClient, principal: Principal, op: SyncOp): Promise<IntakeAnswer> {
  const answer = await db.query<{ r: IntakeAnswer }>({ name: 'hub_intake_op', text: 'SELECT intake_op($1, $2) AS r', values: [principal.warehouseId, op] });
  return answer.rows[0]!.r;
}

/** Several ops of one item in one transaction: the first refusal rolls the others back. */
async function applyAll(db: pg.Pool, principal: Principal, ops: readonly SyncOp[]): Promise<IntakeAnswer> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    for (const op of ops) {
      const answer = await applyOne(client, principal, op);
      if (answer.status === 'rejected') {
        await client.query('ROLLBACK');
        return answer;
      }
    }
    await client.query('COMMIT');
    return { status: 'applied' };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
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
    // Issue 12: lots may come with their use-by date, set with them (identifier.use_by) or not at all.
    ({ useBy, ...p }): SyncOp[] => [
      { type: 'identifier.add', ...p },
      ...(useBy === undefined ? [] : [{ type: 'identifier.use_by' as const, sku: p.sku, dates: p.values.map((value) => ({ value, useBy })) }]),
    ],
    async (p) => {
      const spec = (await specsOf(db, principal.warehouseId, [p.sku])).get(p.sku);
      // A product in mode none takes no identifiers, as a bench refuses them in its own import.
      if (spec?.identifierMode === 'none') return `SKU ${p.sku} has no dispatch identifiers (identifier mode none); set its mode first`;
      return unfitValues(p.sku, p.values, spec);
    },
  );

export const intakeStockCounts = (db: pg.Pool, principal: Principal, items: unknown[]) =>
  intake(db, principal, items, 'counts', stockCountInputSchema, (c): SyncOp => ({ type: 'stock.count', ...c }), async (c) => futureCountProblem(c.countedAt, Date.now()));
