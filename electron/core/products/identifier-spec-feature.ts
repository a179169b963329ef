/**
 * A product's identifier kind, format and minimum shelf life (issue 12). Changing them never drops an
 * identifier: the ones that no longer fit are listed for the packer (and listed again on request, e.g.
 * after a pulled change of format).
 */
import type { BenchHandlers } from '../../../shared/contract/api.js';
import { MAX_UNFIT_LISTED, type UnfitIdentifiers } from '../../../shared/contract/identifier-spec-schemas.js';
import { BenchError } from '../../../shared/contract/result.js';
import { identifierSpecProblem } from '../../../shared/identifiers/identifier-format.js';
import { IDENTIFIER_KIND_LABELS, type IdentifierSpec } from '../../../shared/identifiers/kinds.js';
import type { CoreContext } from '../context.js';
import { specOf, type ProductReader } from './product-reader.js';

type Handlers = Pick<BenchHandlers, 'setIdentifierSpec' | 'getUnfitIdentifiers'>;

export function createIdentifierSpecFeature(ctx: CoreContext, products: ProductReader): Handlers {
  const { db } = ctx;
  const setSpec = db.prepare<[string, string | null, number | null, string, number]>(
    'UPDATE products SET identifier_kind = ?, identifier_format = ?, min_shelf_life_days = ?, updated_at = ? WHERE id = ?',
  );
  const identifiersOf = db.prepare<[number], { id: number; value: string; status: 'available' | 'allocated' | 'consumed' }>(
    'SELECT id, value, status FROM identifiers WHERE product_id = ? ORDER BY id',
  );

  function unfit(productId: number, spec: IdentifierSpec): UnfitIdentifiers {
    const result: UnfitIdentifiers = { total: 0, items: [] };
    if (spec.identifierKind !== 'use_by' && spec.identifierFormat === null) return result;
    for (const row of identifiersOf.iterate(productId)) {
      const problem = identifierSpecProblem(row.value, spec);
      if (!problem) continue;
      result.total++;
      if (result.items.length < MAX_UNFIT_LISTED) result.items.push({ identifierId: row.id, value: row.value, status: row.status, reason: problem.reason });
    }
    return result;
  }

  const save = db.transaction((productId: number, spec: IdentifierSpec) => {
    const row = products.requireRow(productId);
    if (spec.identifierKind === 'use_by' && spec.identifierFormat !== null) {
      throw new BenchError('validation', `${row.sku}: a use-by date product has no format; its values are dates (YYYY-MM-DD). Nothing was changed.`);
    }
    if (spec.identifierKind !== 'use_by' && spec.identifierKind !== 'lot' && spec.minShelfLifeDays !== null) {
      throw new BenchError('validation', `${row.sku}: a minimum shelf life applies to use-by dates and dated lots only. Nothing was changed.`);
    }
    const before = specOf(row);
    const format = spec.identifierFormat === null ? null : JSON.stringify(spec.identifierFormat);
    if (before.identifierKind !== spec.identifierKind || row.identifier_format !== format || before.minShelfLifeDays !== spec.minShelfLifeDays) {
      setSpec.run(spec.identifierKind, format, spec.minShelfLifeDays, ctx.now(), productId);
      ctx.recordOp({
        type: 'product.upsert',
        sku: row.sku,
        title: row.title,
        barcode: row.barcode,
        identifierMode: row.identifier_mode,
        identifierKind: spec.identifierKind,
        identifierFormat: spec.identifierFormat,
        minShelfLifeDays: spec.minShelfLifeDays,
      });
      ctx.audit('product.identifier_spec', row.sku, { from: before, to: spec, kind: IDENTIFIER_KIND_LABELS[spec.identifierKind] });
    }
    return { product: products.getProduct(productId), unfit: unfit(productId, spec) };
  });

  return {
    setIdentifierSpec: ({ productId, identifierKind, identifierFormat, minShelfLifeDays }) =>
      save.immediate(productId, { identifierKind, identifierFormat, minShelfLifeDays }),
    getUnfitIdentifiers: ({ productId }) => {
      const read = db.transaction(() => unfit(productId, specOf(products.requireRow(productId))));
      return read();
    },
  };
}
