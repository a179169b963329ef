import type { BenchHandlers, Product } from '../../../shared/contract/api.js';
import { BenchError, type Issue } from '../../../shared/contract/result.js';
import { IDENTIFIER_MODE_LABELS, IDENTIFIER_MODE_SHORT_LABELS } from '../../../shared/domain/modes.js';
import { belowAllocatedMessage, stockMovedMessage } from '../../../shared/domain/stock-change.js';
import { normaliseLotDate } from '../../../shared/identifiers/lot-dates.js';
import { MAX_STOCK_LEVEL } from '../../../shared/sync/bounds.js';
import type { CoreContext } from '../context.js';
import { likeContains, likePrefix, requireValidUniqueValues } from '../identifier-input.js';
import { benchDates } from './identifier-rules.js';
import { PRODUCT_COLUMNS, specOf, type ProductReader, type ProductRow } from './product-reader.js';
import { counted, ORDERS_NAMED_IN_REFUSAL, withThousands } from '../../../shared/domain/counted.js';

type Handlers = Pick<BenchHandlers, 'findProducts' | 'getProduct' | 'setIdentifierMode' | 'getIdentifierModeCounts' | 'changeStockLevel'>;

/**
 * A stock level to set (with the level the screen showed when it was typed, if a screen sent it), or
 * units to add to the stock as the core holds it when the change runs.
 */
type StockChange = { newStockLevel: number; shownStockLevel: number | undefined } | { addUnits: number };

/** Where an identifier on several order units is, in the packer's words: dispatched, awaiting dispatch, or both. */
export function reusedWords({ value, uses, dispatched }: { value: string; uses: number; dispatched: number }): string {
  const units = counted(uses, 'order unit', 'order units');
  if (dispatched === uses) return `"${value}" was already dispatched on ${units}`;
  if (dispatched === 0) return `"${value}" is already allocated to ${units} awaiting dispatch`;
  return `"${value}" is already on ${units} (${withThousands(dispatched)} dispatched, ${withThousands(uses - dispatched)} awaiting dispatch)`;
}

export function createProductsFeature(ctx: CoreContext, products: ProductReader): Handlers {
  const { db } = ctx;
  const searchWhere = `(? = '' OR sku LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\' OR barcode LIKE ? ESCAPE '\\')`;
  const search = db.prepare<[string, string, string, string, number, number], ProductRow>(
    `SELECT ${PRODUCT_COLUMNS} FROM products WHERE ${searchWhere}
     ORDER BY sku LIMIT ? OFFSET ?`,
  );
  const searchCount = db.prepare<[string, string, string, string], { n: number }>(
    `SELECT count(*) AS n FROM products WHERE ${searchWhere}`,
  );
  const liveAllocationCount = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM allocations a JOIN identifiers i ON i.id = a.identifier_id
     WHERE i.product_id = ? AND a.dispatch_id IS NULL`,
  );
  // The orders awaiting dispatch whose units hold the product's identifiers, the first few by number:
  // a refusal that says only "clear them" leaves the manager to search every open order for them.
  const liveAllocationOrders = db.prepare<[number, number], { order_number: string; orders: number }>(
    `SELECT o.order_number, count(*) OVER () AS orders FROM allocations a
       JOIN identifiers i ON i.id = a.identifier_id JOIN order_lines l ON l.id = a.line_id JOIN orders o ON o.id = l.order_id
     WHERE i.product_id = ? AND a.dispatch_id IS NULL GROUP BY o.id ORDER BY o.order_number LIMIT ?`,
  );
  // How many of the units were dispatched too: a dispatched unit is no longer "allocated" to the packer.
  const reusedIdentifier = db.prepare<[number], { value: string; uses: number; dispatched: number }>(
    `SELECT i.value, count(*) AS uses, count(a.dispatch_id) AS dispatched FROM allocations a JOIN identifiers i ON i.id = a.identifier_id
     WHERE i.product_id = ? GROUP BY i.id HAVING count(*) > 1 LIMIT 1`,
  );
  const allocatedCount = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM identifiers WHERE product_id = ? AND status = 'allocated'`,
  );
  const unconsumedCount = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM identifiers WHERE product_id = ? AND status IN ('available', 'allocated')`,
  );
  // What stays unconsumed once single use applies: identifiers never dispatched (multiple use keeps
  // every status 'available', so the status column alone would count dispatched ones too).
  const neverDispatchedCount = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM identifiers i WHERE i.product_id = ?
       AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.identifier_id = i.id AND a.dispatch_id IS NOT NULL)`,
  );
  // What a mode change would touch (getIdentifierModeCounts), in one read: the identifiers, those on a
  // dispatched unit (single use marks them used; from None, multiple use frees them), those marked used
  // now (multiple use frees them), and the orders awaiting dispatch with units of the product still to
  // go (None hides their boxes).
  const modeCounts = db.prepare<[{ id: number }], { identifiers: number; dispatched: number; consumed: number; awaiting_orders: number }>(
    `SELECT
       (SELECT count(*) FROM identifiers WHERE product_id = @id) AS identifiers,
       (SELECT count(*) FROM identifiers i WHERE i.product_id = @id
          AND EXISTS (SELECT 1 FROM allocations a WHERE a.identifier_id = i.id AND a.dispatch_id IS NOT NULL)) AS dispatched,
       (SELECT count(*) FROM identifiers WHERE product_id = @id AND status = 'consumed') AS consumed,
       (SELECT count(DISTINCT l.order_id) FROM order_lines l JOIN orders o ON o.id = l.order_id
          WHERE l.product_id = @id AND o.status = 'awaiting' AND l.dispatched < l.quantity) AS awaiting_orders`,
  );
  const setMode = db.prepare('UPDATE products SET identifier_mode = ?, updated_at = ? WHERE id = ?');
  const markAllocationsSingleUse = db.prepare(
    `UPDATE allocations SET single_use = ? WHERE identifier_id IN (SELECT id FROM identifiers WHERE product_id = ?)`,
  );
  const resetStatuses = db.prepare(`UPDATE identifiers SET status = 'available' WHERE product_id = ?`);
  const deriveSingleUseStatuses = db.prepare(
    `UPDATE identifiers SET status = CASE
       WHEN EXISTS (SELECT 1 FROM allocations a WHERE a.identifier_id = identifiers.id AND a.dispatch_id IS NOT NULL) THEN 'consumed'
       WHEN EXISTS (SELECT 1 FROM allocations a WHERE a.identifier_id = identifiers.id) THEN 'allocated'
       ELSE 'available' END
     WHERE product_id = ?`,
  );
  const setStock = db.prepare('UPDATE products SET stock_level = ?, updated_at = ? WHERE id = ?');
  const insertIdentifier = db.prepare(
    `INSERT INTO identifiers (product_id, value, status, created_at) VALUES (?, ?, 'available', ?)`,
  );
  const identifierByValue = db.prepare<[number, string], { id: number; status: string }>(
    'SELECT id, status FROM identifiers WHERE product_id = ? AND value = ?',
  );
  const deleteIdentifier = db.prepare('DELETE FROM identifiers WHERE id = ?');

  /**
   * Why the core refuses changing the product's mode to `mode`, in the words it refuses with, or null when
   * it takes the change: the one check setIdentifierMode refuses by and getIdentifierModeCounts reads for
   * the product screen (which shows the refusal at once rather than ask a question it could only refuse).
   */
  function modeChangeRefusal(row: ProductRow, mode: ProductRow['identifier_mode']): string | null {
    if (row.identifier_mode === mode) return null;
    const productId = row.id;
    const live = mode === 'none' ? liveAllocationCount.get(productId)!.n : 0;
    if (live > 0) {
      const orders = liveAllocationOrders.all(productId, ORDERS_NAMED_IN_REFUSAL);
      const total = orders[0]?.orders ?? 0;
      const more = total - orders.length;
      const named = orders.map((o) => o.order_number).join(', ') + (more > 0 ? ` and ${withThousands(more)} more` : '');
      const onOrders = total === 1 ? 'an order' : counted(total, 'order', 'orders');
      return `${row.sku} has ${counted(live, 'identifier allocation', 'identifier allocations')} on ${onOrders} awaiting dispatch (${named}); clear ${live === 1 ? 'it' : 'them'} before turning identifiers off.`;
    }
    if (mode === 'single_use') {
      const reused = reusedIdentifier.get(productId);
      if (reused) return `${row.sku} cannot become single use: ${reusedWords(reused)}; a single-use identifier goes on one order unit only.`;
      const unconsumed = neverDispatchedCount.get(productId)!.n;
      if (unconsumed > row.stock_level) {
        const surplus = unconsumed - row.stock_level;
        // Names where to act: the grid shows these even while the mode is None (kept identifiers).
        return (
          `${row.sku} cannot become single use: it has ${counted(unconsumed, 'identifier', 'identifiers')} not yet dispatched for ${counted(row.stock_level, 'unit', 'units')} in stock. ` +
          `Remove ${withThousands(surplus)} of them (clear ${surplus === 1 ? 'its box' : 'their boxes'} under "Manually Update Serial Numbers" on the product screen and save), ` +
          `or raise the stock level to ${withThousands(unconsumed)} if that many units are in stock.`
        );
      }
    }
    return null;
  }

  const setIdentifierMode = db.transaction((productId: number, mode: ProductRow['identifier_mode'], fromMode?: ProductRow['identifier_mode']): Product => {
    const row = products.requireRow(productId);
    if (row.identifier_mode === mode) return products.toProduct(row);
    if (fromMode !== undefined && row.identifier_mode !== fromMode) {
      throw new BenchError(
        'conflict',
        `the mode of ${row.sku} was changed from ${IDENTIFIER_MODE_SHORT_LABELS[fromMode]} to ${IDENTIFIER_MODE_SHORT_LABELS[row.identifier_mode]} elsewhere ` +
          '(another window, a sync or the hub) while the question was open; what it said no longer holds. Choose the mode again.',
      );
    }
    // The last line of defence: the screen read this same check with the counts and showed its refusal
    // without asking, but the store may have changed since (another window, a sync).
    const refusal = modeChangeRefusal(row, mode);
    if (refusal !== null) throw new BenchError('conflict', refusal);
    const now = ctx.now();
    setMode.run(mode, now, productId);
    markAllocationsSingleUse.run(mode === 'single_use' ? 1 : 0, productId);
    if (mode === 'single_use') deriveSingleUseStatuses.run(productId);
    else resetStatuses.run(productId);
    ctx.recordOp({ type: 'product.mode', sku: row.sku, identifierMode: mode });
    ctx.audit('product.mode', row.sku, { from: row.identifier_mode, to: mode, label: IDENTIFIER_MODE_LABELS[mode] });
    return products.getProduct(productId);
  });

  const setUseBy = db.prepare('UPDATE identifiers SET use_by = ? WHERE product_id = ? AND value = ?');

  /**
   * The use-by dates typed beside new identifiers (by position), as stored, keyed by the raw value they
   * stand beside; refuses naming the unit: a date that is not a date, a date with no identifier, more
   * dates than identifiers, or a date on a product whose kind takes none.
   */
  function newLotDates(row: ProductRow, newIdentifiers: readonly string[], newDates: readonly string[]): Map<string, string | null> {
    const dates = new Map<string, string | null>();
    if (newDates.every((d) => d.trim() === '')) return dates;
    if (newDates.length > newIdentifiers.length) {
      throw new BenchError('validation', `${counted(newDates.length, 'use-by date was', 'use-by dates were')} sent for ${counted(newIdentifiers.length, 'new identifier', 'new identifiers')} of ${row.sku}.`);
    }
    const issues: Issue[] = [];
    newDates.forEach((raw, i) => {
      const value = newIdentifiers[i]!;
      const where = `new unit ${i + 1}`;
      const date = normaliseLotDate(raw, row.identifier_kind, benchDates(ctx));
      if (!date.ok) issues.push({ where, message: `"${value.trim()}" ${date.reason}.` });
      else if (date.useBy !== null && value.trim() === '') issues.push({ where, message: `The use-by date ${date.useBy} has no lot beside it; enter the lot or clear the date.` });
      else dates.set(value, date.useBy);
    });
    if (issues.length) throw new BenchError('validation', `The use-by dates of the new units of ${row.sku} need fixing; nothing was changed.`, issues);
    return dates;
  }

  const changeStockLevel = db.transaction(
    (productId: number, change: StockChange, newIdentifiers: string[], leavingIdentifiers: string[], newDates: string[]): Product => {
      const row = products.requireRow(productId);
      // A level typed against a figure that has moved since (a dispatch, a sync, the CLI) would undo or
      // double that move: refused, nothing changed, so the packer checks the figure now shown.
      if ('newStockLevel' in change && change.shownStockLevel !== undefined && change.shownStockLevel !== row.stock_level) {
        throw new BenchError('conflict', stockMovedMessage(row.sku, change.shownStockLevel, row.stock_level));
      }
      // Units added go onto the stock as it is now, never onto a level read earlier by a screen.
      const newStockLevel = 'addUnits' in change ? row.stock_level + change.addUnits : change.newStockLevel;
      if (newStockLevel > MAX_STOCK_LEVEL) {
        throw new BenchError(
          'validation',
          `${row.sku} cannot take ${counted('addUnits' in change ? change.addUnits : newStockLevel - row.stock_level, 'more unit', 'more units')}: it has ${withThousands(row.stock_level)} in stock and the stock level can be at most ${withThousands(MAX_STOCK_LEVEL)}.`,
        );
      }
      const delta = newStockLevel - row.stock_level;
      const mode = row.identifier_mode;
      const givenNew = newIdentifiers.filter((raw) => raw.trim() !== '');
      // Lot products: the new lots' use-by dates (issue 12), checked and paired with their values.
      const datesByRaw = newLotDates(row, newIdentifiers, newDates);
      if (mode === 'none' && (givenNew.length || leavingIdentifiers.length)) {
        throw new BenchError('validation', `${row.sku} has no dispatch identifiers; change its mode before entering identifiers.`);
      }
      if (delta <= 0 && givenNew.length) {
        throw new BenchError('validation', `New identifiers are only taken when the stock level goes up (${row.sku}: ${withThousands(row.stock_level)} → ${withThousands(newStockLevel)}).`);
      }
      if (mode === 'multiple_use' && leavingIdentifiers.length) {
        throw new BenchError('validation', `${row.sku} is multiple use: its identifiers are not tied to units, so none leave with a decrease.`);
      }
      if (delta >= 0 && leavingIdentifiers.length) {
        throw new BenchError('validation', `Leaving identifiers are only taken when the stock level goes down (${row.sku}: ${withThousands(row.stock_level)} → ${withThousands(newStockLevel)}).`);
      }

      let added: string[] = [];
      let removed: string[] = [];
      const raws = mode === 'single_use' ? newIdentifiers : givenNew;
      if (delta > 0 && mode !== 'none') {
        if (mode === 'single_use' && newIdentifiers.length !== delta) {
          throw new BenchError(
            'validation',
            `${row.sku} is single use: enter one identifier for ${delta === 1 ? 'the new unit' : `each of the ${counted(delta, 'new unit', 'new units')}`} (got ${withThousands(newIdentifiers.length)}).`,
          );
        }
        if (givenNew.length > delta) {
          throw new BenchError('validation', `${counted(givenNew.length, 'identifier was', 'identifiers were')} entered for ${counted(delta, 'new unit', 'new units')} of ${row.sku}.`);
        }
        added = requireValidUniqueValues(raws, (i) => ({ where: `new unit ${i + 1}` }), `The identifiers for the new units of ${row.sku} need fixing.`, {
          spec: specOf(row),
          dates: benchDates(ctx),
        });
        const issues = added.flatMap((value, i) =>
          identifierByValue.get(productId, value)
            ? [{ where: `new unit ${i + 1}`, message: `"${value}" is already an identifier of ${row.sku}.` }]
            : [],
        );
        if (issues.length) throw new BenchError('validation', `Some new identifiers of ${row.sku} already exist.`, issues);
      }
      if (delta < 0 && mode === 'single_use') {
        // Allocated units cannot leave: below them no choice of leaving identifiers can work, so the
        // refusal names the allocations rather than asking for identifiers the packer cannot give.
        const allocated = allocatedCount.get(productId)!.n;
        if (newStockLevel < allocated) {
          throw new BenchError('validation', belowAllocatedMessage(row.sku, allocated));
        }
        const unconsumed = unconsumedCount.get(productId)!.n;
        const mustLeave = Math.max(0, unconsumed - newStockLevel);
        if (leavingIdentifiers.length !== mustLeave) {
          throw new BenchError(
            'validation',
            mustLeave === 0
              ? `${row.sku}: the units that leave have no identifiers yet, so name none.`
              : `${row.sku} is single use: name the ${counted(mustLeave, 'available identifier', 'available identifiers')} of the units that leave (got ${withThousands(leavingIdentifiers.length)}).`,
          );
        }
        removed = requireValidUniqueValues(leavingIdentifiers, (i) => ({ where: `leaving unit ${i + 1}` }), `The leaving identifiers of ${row.sku} need fixing.`);
        const issues = removed.flatMap((value, i) => {
          const found = identifierByValue.get(productId, value);
          if (!found) return [{ where: `leaving unit ${i + 1}`, message: `"${value}" is not an identifier of ${row.sku}.` }];
          if (found.status !== 'available') {
            return [{ where: `leaving unit ${i + 1}`, message: `"${value}" is ${found.status} and cannot leave stock.` }];
          }
          return [];
        });
        if (issues.length) throw new BenchError('validation', `Some leaving identifiers of ${row.sku} cannot leave.`, issues);
      }

      const now = ctx.now();
      for (const value of added) insertIdentifier.run(productId, value, now);
      const dated = added.flatMap((value, i) => {
        const useBy = datesByRaw.get(raws[i]!) ?? null;
        return useBy === null ? [] : [{ value, useBy }];
      });
      for (const { value, useBy } of dated) setUseBy.run(useBy, productId, value);
      for (const value of removed) deleteIdentifier.run(identifierByValue.get(productId, value)!.id);
      if (delta !== 0) {
        setStock.run(newStockLevel, now, productId);
        ctx.recordOp({ type: 'stock.delta', sku: row.sku, delta });
      }
      if (added.length) ctx.recordOp({ type: 'identifier.add', sku: row.sku, values: added });
      if (dated.length) ctx.recordOp({ type: 'identifier.use_by', sku: row.sku, dates: dated });
      if (removed.length) ctx.recordOp({ type: 'identifier.remove', sku: row.sku, values: removed });
      if (delta !== 0) {
        ctx.audit('product.stock', row.sku, { from: row.stock_level, to: newStockLevel, added, removed });
      }
      return products.getProduct(productId);
    },
  );

  return {
    findProducts: ({ query, offset, limit }) => {
      const term = query.trim();
      const params = [term, likePrefix(term), likeContains(term), likePrefix(term)] as const;
      return {
        total: searchCount.get(...params)!.n,
        items: search.all(...params, limit, offset).map(products.toProduct),
      };
    },
    getProduct: ({ productId }) => products.getProduct(productId),
    setIdentifierMode: ({ productId, mode, fromMode }) => setIdentifierMode.immediate(productId, mode, fromMode),
    getIdentifierModeCounts: ({ productId, mode }) => {
      const row = products.requireRow(productId);
      const n = modeCounts.get({ id: productId })!;
      return {
        sku: row.sku,
        identifierMode: row.identifier_mode,
        identifierKind: row.identifier_kind,
        identifiers: n.identifiers,
        dispatched: n.dispatched,
        consumed: n.consumed,
        awaitingOrders: n.awaiting_orders,
        refusal: modeChangeRefusal(row, mode),
      };
    },
    changeStockLevel: ({ productId, newStockLevel, addUnits, shownStockLevel, newIdentifiers, leavingIdentifiers, newIdentifierDates }) => {
      // The contract takes exactly one of the two (a refusal naming the field otherwise).
      const change: StockChange = addUnits !== undefined ? { addUnits } : { newStockLevel: newStockLevel ?? 0, shownStockLevel };
      return changeStockLevel.immediate(productId, change, newIdentifiers, leavingIdentifiers, newIdentifierDates ?? []);
    },
  };
}
