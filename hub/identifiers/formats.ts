/**
 * The hub checks identifier values against their product's kind and format too (issue 12): values a
 * bench pushes (identifier.add, identifier.rename) and values the order system sends to
 * POST /v1/identifiers. A value that breaks the format the hub holds is refused with the rule named,
 * before it reaches SQL. A product.upsert earlier in the same push counts (the batch applies in order).
 */
import type pg from 'pg';
import { identifierSpecProblem } from '../../shared/identifiers/identifier-format.js';
import { NO_IDENTIFIER_SPEC, type IdentifierFormat, type IdentifierKind, type IdentifierSpec } from '../../shared/identifiers/kinds.js';
import type { IdentifierMode } from '../../shared/domain/modes.js';
import type { SyncOp } from '../../shared/sync/ops.js';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** The kind and format of each of `skus` at the hub (products not there yet are absent). */
/** A product's identifier rules at the hub, with its mode (none: it takes no identifiers). */
export type ProductSpec = IdentifierSpec & { identifierMode: IdentifierMode };

export async function specsOf(db: Queryable, warehouseId: string, skus: readonly string[]): Promise<Map<string, ProductSpec>> {
  const specs = new Map<string, ProductSpec>();
  if (skus.length === 0) return specs;
  const rows = await db.query<{ sku: string; identifier_mode: IdentifierMode; identifier_kind: IdentifierKind; identifier_format: IdentifierFormat | null; min_shelf_life_days: number | null }>(
    `SELECT sku, identifier_mode, identifier_kind, identifier_format, min_shelf_life_days FROM products WHERE warehouse_id = $1 AND sku = ANY ($2::text[])`,
    [warehouseId, [...new Set(skus)]],
  );
  for (const r of rows.rows) {
    specs.set(r.sku, { identifierMode: r.identifier_mode, identifierKind: r.identifier_kind, identifierFormat: r.identifier_format, minShelfLifeDays: r.min_shelf_life_days });
  }
  return specs;
}

/** Why `values` cannot be identifiers of `sku` under `spec`, naming the first bad one and the rule; or null. */
export function unfitValues(sku: string, values: readonly string[], spec: IdentifierSpec | undefined): string | null {
  if (!spec || (spec.identifierKind !== 'use_by' && spec.identifierFormat === null)) return null;
  let first: string | null = null;
  let count = 0;
  for (const value of values) {
    const problem = identifierSpecProblem(value, spec);
    if (!problem) continue;
    count++;
    first ??= `identifier "${value}" of SKU ${sku} ${problem.reason}`;
  }
  return first === null ? null : count > 1 ? `${first} (and ${count - 1} more)` : first;
}

/** Values an op would add as identifiers (new values only), or null when it adds none. */
function addedValues(op: SyncOp): { sku: string; values: readonly string[] } | null {
  if (op.type === 'identifier.add') return { sku: op.sku, values: op.values };
  if (op.type === 'identifier.rename') return { sku: op.sku, values: [op.to] };
  return null;
}

/**
 * Sets `rejection` on pushed entries whose new identifier values break their product's format. Entries
 * are walked in order so a product.upsert carrying a new spec applies to the entries after it.
 */
export async function rejectUnfitIdentifiers(
  db: Queryable,
  warehouseId: string,
  entries: Array<{ entry: { op: SyncOp } | null; rejection: string | null }>,
): Promise<void> {
  const skus = entries.flatMap((c) => (c.entry && addedValues(c.entry.op) ? [addedValues(c.entry.op)!.sku] : []));
  if (skus.length === 0) return;
  const specs = await specsOf(db, warehouseId, skus);
  for (const checked of entries) {
    const op = checked.entry?.op;
    if (!op || checked.rejection !== null) continue;
    if (op.type === 'product.upsert') {
      const current = specs.get(op.sku) ?? NO_IDENTIFIER_SPEC;
      specs.set(op.sku, {
        identifierMode: op.identifierMode,
        identifierKind: op.identifierKind ?? current.identifierKind,
        identifierFormat: op.identifierFormat === undefined ? current.identifierFormat : op.identifierFormat,
        minShelfLifeDays: op.minShelfLifeDays === undefined ? current.minShelfLifeDays : op.minShelfLifeDays,
      });
      continue;
    }
    const added = addedValues(op);
    const problem = added && unfitValues(added.sku, added.values, specs.get(added.sku));
    if (problem) checked.rejection = `the hub cannot take this change: ${problem}`;
  }
}
