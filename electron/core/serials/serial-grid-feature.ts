/**
 * The serial entry grid: one box per unit of stock. Boxes hold the product's identifiers in entry
 * order (single-use: those not yet consumed; multiple-use: all), then empty boxes up to the stock level,
 * at most MAX_EMPTY_GRID_BOXES of them (a stock may be a billion: reads and saves then cost what is
 * entered, never a step or a byte per unit; serialGridShape). A single-use grid needs every box filled
 * while it has a box for every unit; while more units lack a serial number than it shows, a save fills
 * any number of its boxes (no one save could fill them all) and it opens again with the next empty ones.
 * A product whose mode is None keeps the identifiers it had (orders and the history refer to them): its
 * grid shows them, with no empty boxes, so they can be removed (before single use, say), never added to.
 * Reads are paged; saves send only the edited boxes and are checked against the whole product.
 */
import { counted } from '../../../shared/domain/counted.js';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { BenchHandlers, GridBox, GridEdit } from '../../../shared/contract/api.js';
import type { GridSaveProgress } from '../../../shared/contract/change-events.js';
import { BenchError, type Issue } from '../../../shared/contract/result.js';
import { MAX_EMPTY_GRID_BOXES, MAX_GRID_EDITS_PER_SAVE } from '../../../shared/contract/schemas.js';
import { withThousands } from '../../../shared/domain/counted.js';
import { serialGridShape } from '../../../shared/domain/serial-grid-shape.js';
import { kindTakesDate, normaliseLotDate } from '../../../shared/identifiers/lot-dates.js';
import { benchDates, entryRefusal, normaliseEntry } from '../products/identifier-rules.js';
import type { CoreContext } from '../context.js';
import { specOf, type ProductReader, type ProductRow } from '../products/product-reader.js';
import { createCancelInbox, type CancelInbox } from '../cancel-inbox.js';

type Handlers = Pick<BenchHandlers, 'getSerialGrid' | 'saveSerialGrid' | 'cancelSerialGridSave'>;

export const GRID_SAVE_CANCELLED = 'The save was cancelled; nothing was saved.';

/** A save with a saveId tells its progress, and asks whether it was cancelled, between its steps. */
interface GridSaveHooks {
  onProgress(progress: GridSaveProgress): void;
  cancels: CancelInbox;
}

/** A save reports progress once it has run this long (a short one shows no bar), then at most every PROGRESS_EVERY_MS. */
const FIRST_PROGRESS_MS = 200;
const PROGRESS_EVERY_MS = 100;
/** Boxes checked or identifiers written between two looks at the cancel lane and the clock. */
const BOXES_PER_STEP = 1_000;

interface IdentifierState {
  id: number;
  value: string;
  status: 'available' | 'allocated' | 'consumed';
  uses: number;
  use_by: string | null;
}

const MAX_LISTED_EMPTY_BOXES = 100;

export function createSerialGridFeature(
  ctx: CoreContext,
  products: ProductReader,
  hooks: GridSaveHooks = { onProgress: () => {}, cancels: createCancelInbox() },
): Handlers {
  const { db } = ctx;
  const gridFilter = `product_id = ? AND (? = 0 OR status <> 'consumed')`;
  const countFilled = db.prepare<[number, number], { n: number }>(`SELECT count(*) AS n FROM identifiers WHERE ${gridFilter}`);
  const page = db.prepare<[number, number, number, number], IdentifierState>(
    `SELECT id, value, status, use_by, (SELECT count(*) FROM allocations a WHERE a.identifier_id = identifiers.id) AS uses
     FROM identifiers WHERE ${gridFilter} ORDER BY id LIMIT ? OFFSET ?`,
  );
  const allOfProduct = db.prepare<[number], IdentifierState>(
    `SELECT id, value, status, use_by, (SELECT count(*) FROM allocations a WHERE a.identifier_id = identifiers.id) AS uses
     FROM identifiers WHERE product_id = ? ORDER BY id`,
  );
  const insertIdentifier = db.prepare(
    `INSERT INTO identifiers (product_id, value, status, created_at) VALUES (?, ?, 'available', ?)`,
  );
  const renameIdentifier = db.prepare('UPDATE identifiers SET value = ? WHERE id = ?');
  const setUseBy = db.prepare('UPDATE identifiers SET use_by = ? WHERE product_id = ? AND value = ?');
  const deleteIdentifier = db.prepare('DELETE FROM identifiers WHERE id = ?');

  function gridShape(row: ProductRow) {
    const singleUse = row.identifier_mode === 'single_use' ? 1 : 0;
    const filledBoxes = countFilled.get(row.id, singleUse)!.n;
    return { singleUse, filledBoxes, ...serialGridShape(row.identifier_mode, row.stock_level, filledBoxes) };
  }

  /**
   * Between steps of the save named `saveId`: stops it (the transaction rolls back) if it was
   * cancelled, and tells its progress when due. Without a saveId it does nothing.
   */
  function stepsOf(saveId: string | undefined, productId: number) {
    const started = performance.now();
    let reportedAt = -Infinity;
    return (phase: GridSaveProgress['phase'], done: number, total: number) => {
      if (saveId === undefined) return;
      if (hooks.cancels.cancelled(saveId)) throw new BenchError('cancelled', GRID_SAVE_CANCELLED);
      const now = performance.now();
      if (now - started < FIRST_PROGRESS_MS || now - reportedAt < PROGRESS_EVERY_MS) return;
      reportedAt = now;
      hooks.onProgress({ saveId, productId, phase, done, total });
    };
  }

  const save = db.transaction((productId: number, edits: GridEdit[], saveId: string | undefined) => {
    const step = stepsOf(saveId, productId);
    step('checking', 0, edits.length);
    const row = products.requireRow(productId);
    const singleUse = row.identifier_mode === 'single_use';
    const keptOnly = row.identifier_mode === 'none';
    const { filledBoxes, totalBoxes, bounded, everyBoxNeedsValue } = gridShape(row);
    const spec = specOf(row);
    const dates = benchDates(ctx);
    const byId = new Map<number, IdentifierState>();
    // Where each kept value sits in the grid (its rows in id order, as `page` reads them), so a clash
    // names the box; a dispatched single-use value has no box.
    const holderOfValue = new Map<string, { box: number | null; state: IdentifierState }>();
    let gridBox = 0;
    for (const state of allOfProduct.all(productId)) {
      byId.set(state.id, state);
      const inGrid = !singleUse || state.status !== 'consumed';
      holderOfValue.set(state.value, { box: inGrid ? gridBox++ : null, state });
    }

    const issues: Issue[] = [];
    // Names are built only for refused boxes: a save may carry 100,000 boxes.
    const refuse = (box: number, message: string, repeatsBox?: number) => issues.push({ where: `box ${box + 1}`, box, message, ...(repeatsBox !== undefined ? { repeatsBox } : {}) });
    // One byte per box: a Set of 100,000 numbers costs more than the rest of the checks together. (A grid
    // has at most MAX_EMPTY_GRID_BOXES boxes beyond its filled ones, whatever its stock.)
    const editedBoxes = new Uint8Array(totalBoxes);
    const editedIds = new Set<number>();
    const renames: Array<{ box: number; state: IdentifierState; value: string }> = [];
    const removals: IdentifierState[] = [];
    const additions: Array<{ box: number; value: string }> = [];
    // Lots with a date (issue 12): the use-by date each value ends up with, where it changes.
    const lotDates = new Map<string, string | null>();
    const takesDate = kindTakesDate(spec.identifierKind);
    let clearedBoxes = 0;

    for (const [index, edit] of edits.entries()) {
      if (index % BOXES_PER_STEP === 0) step('checking', index, edits.length);
      const box = edit.box;
      if (keptOnly && edit.value.trim() !== '') {
        refuse(box, `${row.sku} uses no identifiers while its mode is None: its kept serial numbers can only be removed (clear the box); choose a mode to enter new ones.`);
        continue;
      }
      if (box >= totalBoxes) {
        refuse(
          box,
          bounded && box < row.stock_level
            ? `There is no box ${withThousands(box + 1)}: the serial grid of ${row.sku} has its ${counted(filledBoxes, 'filled box', 'filled boxes')} and ${withThousands(MAX_EMPTY_GRID_BOXES)} empty ones after them (one save takes at most ${withThousands(MAX_GRID_EDITS_PER_SAVE)}), not one box for each of its ${withThousands(row.stock_level)} units in stock. Enter the serial number in an empty box of the grid.`
            : `There is no box ${box + 1}; ${row.sku} has ${totalBoxes} boxes.`,
        );
        continue;
      }
      if (editedBoxes[box]) {
        refuse(box, 'The box was edited twice in one save.');
        continue;
      }
      editedBoxes[box] = 1;
      const blank = edit.value.trim() === '';
      let state: IdentifierState | null = null;
      if (edit.identifierId !== null) {
        state = byId.get(edit.identifierId) ?? null;
        if (!state || editedIds.has(state.id) || (singleUse && state.status === 'consumed')) {
          refuse(box, 'The grid changed since it was opened; reload it and try again.');
          continue;
        }
        editedIds.add(state.id);
      }
      const lotDate = edit.useBy === undefined ? undefined : normaliseLotDate(edit.useBy, spec.identifierKind, dates);
      if (lotDate && !lotDate.ok) {
        refuse(box, `"${edit.value.trim() || `box ${box + 1}`}" ${lotDate.reason}.`);
        continue;
      }
      if (blank && lotDate?.ok && lotDate.useBy !== null) {
        refuse(box, `The use-by date ${lotDate.useBy} has no lot beside it; enter the lot or clear the date.`);
        continue;
      }
      if (blank) {
        if (!state) continue; // an empty box left empty
        if (state.uses > 0) {
          refuse(box, `"${state.value}" is ${describeUse(state)} and cannot be removed.`);
        } else if (everyBoxNeedsValue) {
          clearedBoxes++;
          refuse(box, 'Single-use products need an identifier in every box.');
        } else {
          removals.push(state);
          if (holderOfValue.get(state.value)?.state === state) holderOfValue.delete(state.value);
        }
        continue;
      }
      // Issue 12: the product's kind and format; a use-by date is stored as YYYY-MM-DD.
      const check = normaliseEntry(edit.value, spec, dates);
      if (!check.ok) {
        refuse(box, entryRefusal(edit.value, check));
        continue;
      }
      // The date the value ends up with: the one given, else (a kept or renamed row) the one it had.
      const useBy = lotDate?.ok ? lotDate.useBy : (state?.use_by ?? null);
      if (state && state.value === check.value) {
        if (takesDate && useBy !== state.use_by) lotDates.set(check.value, useBy);
        continue; // the value is unchanged
      }
      if (takesDate && (useBy !== null || (state && state.use_by !== null))) lotDates.set(check.value, useBy);
      if (state && state.uses > 0) {
        refuse(box, `"${state.value}" is ${describeUse(state)} and cannot be changed.`);
        continue;
      }
      if (state) {
        if (holderOfValue.get(state.value)?.state === state) holderOfValue.delete(state.value);
        renames.push({ box, state, value: check.value });
      } else if (box < filledBoxes) {
        // Boxes before filledBoxes hold identifiers; a new value there comes from a stale grid and
        // would add a box beyond one per unit.
        refuse(box, 'The grid changed since it was opened; reload it and try again.');
      } else {
        additions.push({ box, value: check.value });
      }
    }

    // Uniqueness within the product, against values kept, values being entered, and consumed ones.
    // Removed and renamed values were released above, so boxes may swap values in one save.
    const claimedAt = new Map<string, number>();
    const claim = (value: string, box: number) => {
      const holder = holderOfValue.get(value);
      const claimed = claimedAt.get(value);
      if (holder || claimed !== undefined) {
        const at = claimed !== undefined ? `box ${claimed + 1}` : holder?.box != null ? `box ${holder.box + 1}` : 'a dispatched unit';
        const repeatsBox = claimed ?? holder?.box ?? undefined;
        refuse(box, `"${value}" is already entered (${at}); identifiers must be unique within ${row.sku}.`, repeatsBox);
        return;
      }
      claimedAt.set(value, box);
    };
    for (const rename of renames) claim(rename.value, rename.box);
    // New values meet the UNIQUE index when they are inserted, so a clean save (the common case,
    // up to 100,000 boxes) is not checked twice; a refused save names every clashing box.
    let additionsClaimed = false;
    const claimAdditions = () => {
      if (!additionsClaimed) for (const addition of additions) claim(addition.value, addition.box);
      additionsClaimed = true;
    };
    const refuseAll = (message: (count: number) => string) => {
      claimAdditions();
      issues.sort((a, b) => (a.box ?? 0) - (b.box ?? 0));
      throw new BenchError('validation', message(issues.length), issues);
    };

    // No box is empty when the additions (distinct boxes in [filledBoxes, totalBoxes)) and the
    // refused boxes there cover that range; only otherwise are the empty ones looked for.
    const refusedNewBoxes = new Set(issues.flatMap((i) => (i.box !== undefined && i.box >= filledBoxes ? [i.box] : [])));
    const covered = refusedNewBoxes.size + (refusedNewBoxes.size ? additions.filter((a) => !refusedNewBoxes.has(a.box)).length : additions.length);
    if (everyBoxNeedsValue && covered < totalBoxes - filledBoxes) {
      const emptyBoxes: number[] = [];
      const filledByAddition = new Set(additions.map((a) => a.box));
      // A box whose value was refused above is already named once; it is not listed again as empty.
      for (let box = filledBoxes; box < totalBoxes; box++) {
        if (!filledByAddition.has(box) && !refusedNewBoxes.has(box)) emptyBoxes.push(box);
      }
      const empty = emptyBoxes.length + clearedBoxes;
      for (const box of emptyBoxes.slice(0, MAX_LISTED_EMPTY_BOXES)) {
        issues.push({ where: `box ${box + 1}`, box, message: 'Single-use products need an identifier in every box.' });
      }
      if (empty > 0 && issues.length) {
        refuseAll((count) => `${counted(empty, 'box is', 'boxes are')} empty${count > empty ? ' and some values need fixing' : ''}; single-use products need an identifier in every box.`);
      }
    }
    const needFixing = (count: number) => `${counted(count, 'box needs', 'boxes need')} fixing before the serial numbers can be saved.`;
    if (issues.length) refuseAll(needFixing);

    const writes = removals.length + renames.length + additions.length;
    step('saving', 0, writes);
    const now = ctx.now();
    // Removed values go first, so another box may take a cleared box's value in the same save.
    for (const [index, state] of removals.entries()) {
      if (index % BOXES_PER_STEP === 0) step('saving', index, writes);
      deleteIdentifier.run(state.id);
    }
    // Free renamed values before setting the new ones, so two boxes may swap values within one save.
    // The placeholder must pass the bounds CHECK, so it cannot hold a control character; it starts
    // with the noncharacter U+FFFF and carries a random id, so it never equals a real identifier.
    const placeholder = `\uFFFFrenaming:${randomUUID()}:`;
    for (const { state } of renames) renameIdentifier.run(`${placeholder}${state.id}`, state.id);
    for (const [index, { state, value }] of renames.entries()) {
      if (index % BOXES_PER_STEP === 0) step('saving', removals.length + index, writes);
      renameIdentifier.run(value, state.id);
    }
    try {
      for (const [index, { value }] of additions.entries()) {
        if (index % BOXES_PER_STEP === 0) step('saving', removals.length + renames.length + index, writes);
        insertIdentifier.run(productId, value, now);
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      claimAdditions(); // names the clashing boxes; the transaction rolls back with the refusal
      if (!issues.length) throw error;
      refuseAll(needFixing);
    }

    step('saving', writes, writes);
    // The ops replay one by one elsewhere (the hub applies a rename as "remove from, add to"), so
    // they go in an order that frees each value before it is taken again.
    if (removals.length) ctx.recordOp({ type: 'identifier.remove', sku: row.sku, values: removals.map((s) => s.value) });
    for (const { state, value } of renamesInReplayOrder(renames)) {
      ctx.recordOp({ type: 'identifier.rename', sku: row.sku, from: state.value, to: value });
    }
    if (additions.length) ctx.recordOp({ type: 'identifier.add', sku: row.sku, values: additions.map((a) => a.value) });
    // After the values exist (here and, replayed in this order, at the hub): their use-by dates.
    for (const [value, useBy] of lotDates) setUseBy.run(useBy, productId, value);
    if (lotDates.size) ctx.recordOp({ type: 'identifier.use_by', sku: row.sku, dates: [...lotDates].map(([value, useBy]) => ({ value, useBy })) });
    if (renames.length || removals.length || additions.length || lotDates.size) {
      ctx.audit('serials.save', row.sku, {
        added: additions.length,
        useByDates: lotDates.size,
        changed: renames.map((r) => ({ from: r.state.value, to: r.value })),
        removed: removals.map((s) => s.value),
      });
    }
    // The outbox and the audit entry take a while for 100,000 values: a Cancel meanwhile is heard too.
    step('saving', writes, writes);
    return { product: products.toProduct(row), added: additions.length, changed: renames.length, removed: removals.length };
  });

  return {
    getSerialGrid: ({ productId, offset, limit }) => {
      const row = products.requireRow(productId);
      const { singleUse, filledBoxes, totalBoxes } = gridShape(row);
      const boxes: GridBox[] = page.all(productId, singleUse, limit, offset).map((state, i) => ({
        box: offset + i,
        identifierId: state.id,
        value: state.value,
        status: state.status,
        useCount: state.uses,
        locked: state.uses > 0,
        useBy: state.use_by,
      }));
      for (let box = Math.max(offset, filledBoxes); box < Math.min(offset + limit, totalBoxes); box++) {
        boxes.push({ box, identifierId: null, value: '', status: null, useCount: 0, locked: false, useBy: null });
      }
      return { product: products.toProduct(row), totalBoxes, filledBoxes, boxes };
    },
    saveSerialGrid: ({ productId, edits, saveId }) => {
      try {
        return save.immediate(productId, edits, saveId);
      } finally {
        if (saveId !== undefined) hooks.cancels.forget(saveId);
      }
    },
    // The save it names has ended by now (the core takes one call at a time); the lane stopped it if it could.
    cancelSerialGridSave: ({ saveId }) => ({ saveId }),
  };
}

/**
 * Renames ordered so that each runs after the rename moving away from its new value (a chain
 * A→C, B→A gives A→C first). Renames forming a cycle (boxes swapping values) leave the product's
 * set of values as it was, so they are left out: replaying them one by one could not work.
 */
function renamesInReplayOrder<R extends { state: { value: string }; value: string }>(renames: readonly R[]): R[] {
  const byFrom = new Map(renames.map((r) => [r.state.value, r]));
  const newValues = new Set(renames.map((r) => r.value));
  const ordered: R[] = [];
  for (const head of renames) {
    if (newValues.has(head.state.value)) continue; // inside a chain, or on a cycle
    const chain: R[] = [];
    for (let r: R | undefined = head; r; r = byFrom.get(r.value)) chain.push(r);
    ordered.push(...chain.reverse());
  }
  return ordered;
}

function describeUse(state: IdentifierState): string {
  if (state.status === 'consumed') return 'already dispatched';
  return state.status === 'allocated' ? 'allocated to an order' : `used on ${counted(state.uses, 'order unit', 'order units')}`;
}
