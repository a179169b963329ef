/**
 * What the allocation dialog's boxes do with a choice, a typed or scanned value, or Enter: check
 * it at once (a repeat of another box is refused in the box, with a beep and the dialog's alert),
 * move focus on so the next scan lands in the next box (while units are needed now, the next of those
 * still empty, else the dialog's main action), then let the core confirm the value.
 * Returns one stable actions object for every box (it reads the latest state through a ref).
 */
import { useMemo, useRef, type RefObject } from 'react';
import type { BenchApi, Candidate } from '../../../../shared/contract/api.js';
import { checkIdentifier, trimScannerInput } from '../../../../shared/domain/identifier-value.js';
import { afterPaint } from '../../../scanner/after-paint.js';
import { beepRefusal } from '../../../scanner/beep.js';
import type { AllocationBoxStore } from './allocation-box-store.js';
import { describeBox, isUnitGone, nextBox, nextNeededBox, type BoxRef, type SheetIndex, type UnitsGone } from './allocation-model.js';
import { unitGoneRefusal } from './use-dispatched-elsewhere.js';
import type { BoxActions } from './AllocationBoxRow.js';
import type { CommitHow } from './IdentifierPicker.js';
import { gs1Commit } from './gs1-commit.js';
import { resolveIdentifier } from './resolve-identifier.js';
import { scanRefusal } from './scan-refusal.js';
import { storedUseByText, quotedValue, expiryDateOf, expiryRefusalText, scannedDateRefusalText, undatedLotLabelCheck, type UseByLine, type UseByLines } from './use-by-rules.js';

/** Why a candidate may not go out (expired, too little shelf life), or null; undated lots are not checked. */
function expiryOf(line: UseByLine | undefined, candidate: Candidate, today: string): string | null {
  const date = line ? expiryDateOf(line, candidate) : null;
  return line && date !== null ? expiryRefusalText(line, date, today) : null;
}

export function useBoxActions(options: {
  api: BenchApi;
  index: SheetIndex | null;
  store: AllocationBoxStore | null;
  focusBox: (box: BoxRef) => void;
  saveRef: RefObject<HTMLButtonElement | null>;
  /** Keys pressed in the dialog so far: a late refusal takes focus back only if none came since. */
  keyCount: RefObject<number>;
  /** Core checks under way (a save waits for them). */
  resolutions: Set<Promise<void>>;
  /** Issue 12: use-by lines; expired values (or too close to expiry) are refused. */
  useByLines: UseByLines;
  /** The packer's today, read at each check (the dialog may stay open past midnight). */
  today: () => string;
  /** Issue 12: the scanner settings' stand-in for GS (FNC1) in GS1 codes. */
  gsSubstitute: string;
  /** Orders dispatched elsewhere since the dialog opened: their boxes take nothing more. */
  dispatchedElsewhere: ReadonlySet<number>;
  /** Units of lines dispatched elsewhere since (line → last unit gone): their boxes take nothing more either. */
  unitsDispatchedElsewhere: UnitsGone;
  /**
   * The units needed now (opened from an order's page), as box keys in the dialog's order: a scan goes
   * on to the next of them (nextNeededBox), not into a unit not going out now. Empty: every box.
   */
  neededNow: readonly string[];
  /** neededNow lists every unit needed (the order page lists the first MAX_MISSING_LISTED). */
  neededNowListsEvery: boolean;
}): BoxActions {
  const latest = useRef(options);
  latest.current = options;

  return useMemo<BoxActions>(() => {
    /** The box to go on to from `box` (null: the dialog's main action). */
    const boxAfter = (box: BoxRef, byHandTab = false): BoxRef | null => {
      const { index, store, neededNow, neededNowListsEvery, dispatchedElsewhere, unitsDispatchedElsewhere } = latest.current;
      if (!index) return null;
      // Boxes of orders (or units) dispatched elsewhere would only refuse the next scan: it goes past them.
      if (byHandTab || neededNow.length === 0) return nextBox(index, box, dispatchedElsewhere, unitsDispatchedElsewhere);
      const isEmpty = (key: string) => {
        const shown = store?.snapshot(key);
        return !shown || (shown.chosen === null && shown.pendingText === null);
      };
      return nextNeededBox(index, box, neededNow, isEmpty, { listsEvery: neededNowListsEvery, skipOrders: dispatchedElsewhere, skipUnits: unitsDispatchedElsewhere });
    };

    const advanceFrom = (box: BoxRef, byHandTab = false) => {
      const next = boxAfter(box, byHandTab);
      if (next) latest.current.focusBox(next);
      else latest.current.saveRef.current?.focus();
    };

    /**
     * A refused scan changes nothing: the box keeps what it held before (empty, or the value it had),
     * says why, the dialog's live region announces it, a beep follows.
     */
    const refuse = (store: AllocationBoxStore, box: BoxRef, message: string, keysAtMove: number | null) => {
      store.setNotice(box.key, message);
      store.setAlert(message, box.key);
      beepRefusal();
      // Bring the packer back to the refused box, unless they already went on typing elsewhere.
      if (keysAtMove !== null && latest.current.keyCount.current === keysAtMove) latest.current.focusBox(box);
    };

    /** A single-use value another box of the dialog holds: refused in this box, at once; true when refused. */
    const refusedAsHeld = (store: AllocationBoxStore, box: BoxRef, value: string, useBy: UseByLine | undefined, keys: number | null): boolean => {
      const holder = store.holderOfValue(box, value);
      if (holder) refuse(store, box, scanRefusal(quotedValue(useBy, value), `it is already chosen for ${describeBox(holder)}`), keys);
      return holder !== null;
    };

    /**
     * A value for a box of an order (or a unit) dispatched elsewhere: refused as a scan is (said,
     * announced, beeped), but the box keeps what it shows; true when refused.
     */
    const refusedAsGone = (box: BoxRef): boolean => {
      const { store, dispatchedElsewhere, unitsDispatchedElsewhere } = latest.current;
      if (!store) return false;
      const orderGone = dispatchedElsewhere.has(box.orderId);
      if (!orderGone && !isUnitGone(unitsDispatchedElsewhere, box.lineId, box.unit)) return false;
      const message = orderGone
        ? `Order ${box.orderNumber} was dispatched elsewhere: this box takes no identifier.`
        : unitGoneRefusal(box.orderNumber, box.sku, box.unit);
      store.setNotice(box.key, message);
      store.setAlert(message, box.key);
      beepRefusal();
      return true;
    };

    const choose = (box: BoxRef, candidate: Candidate, advance: boolean, byHandTab = false) => {
      const { store, useByLines, today } = latest.current;
      if (refusedAsGone(box)) return;
      const useBy = useByLines.get(box.lineId);
      const expiry = expiryOf(useBy, candidate, today());
      if (expiry && store) return refuse(store, box, scanRefusal(quotedValue(useBy, candidate.value), expiry), null);
      // A single-use value another box holds is refused as its scan is (it was taken, and both boxes warned).
      if (store && refusedAsHeld(store, box, candidate.value, useBy, null)) return;
      const chosen = { identifierId: candidate.identifierId, value: candidate.value, inUseBy: candidate.inUseBy, useBy: candidate.useBy ?? null };
      store?.choose(box.key, chosen);
      if (store) warnIfInUse(store, box, store.conflictFor(box, chosen));
      if (advance) advanceFrom(box, byHandTab);
    };

    /**
     * A single-use value in use by another order, chosen from the list or typed: taken, as the design
     * says (the box warns, Save Changes refuses), and said at once, announced and beeped as a refusal
     * is; only the box's own line had told of it, the focus already on the next box.
     */
    const warnIfInUse = (store: AllocationBoxStore, box: BoxRef, conflict: string | null) => {
      // None, or its order went meanwhile: the box took nothing.
      if (!conflict || store.isGone(box.key)) return;
      store.setAlert(`${conflict} Save Changes refuses it until it is changed.`, box.key);
      beepRefusal();
    };

    /**
     * `gs1`: the GS1 code the value came from, when it did: its use-by date (AI 17, null for none), and
     * the key count when focus moved on from the box at the scan (so a refusal brings the packer back).
     */
    const commitValue = (box: BoxRef, text: string, how: CommitHow, gs1From: { useBy: string | null; keysAtMove: number | null } | null) => {
      const { api, store, keyCount, resolutions, useByLines, today, gsSubstitute } = latest.current;
      if (!store || refusedAsGone(box)) return;
      const gs1 = gs1Commit(api, box.productId, text, gsSubstitute);
      if (gs1) {
        // A GS1 code: its value for this product (or a refusal) once the product's barcode and kind are read.
        store.setPending(box.key, text.trim());
        const keysAtMove = how.advance ? keyCount.current : null;
        if (how.advance) advanceFrom(box, how.byHandTab);
        const work = gs1.then((outcome) => {
          store.setPending(box.key, undefined);
          if (outcome.kind === 'refused') return refuse(store, box, outcome.message, keysAtMove);
          commitValue(box, outcome.value, { ...how, advance: false }, { useBy: outcome.useBy ?? null, keysAtMove });
        });
        resolutions.add(work);
        void work.finally(() => resolutions.delete(work));
        return;
      }
      const useBy = useByLines.get(box.lineId);
      // A use-by date may be scanned as GS1 YYMMDD or typed in the bench's format: stored as YYYY-MM-DD.
      const value = useBy?.kind === 'use_by' ? storedUseByText(trimScannerInput(text), today()) : trimScannerInput(text);
      if (!value) {
        store.choose(box.key, null);
        if (how.advance) advanceFrom(box, how.byHandTab);
        return;
      }
      // A value from a GS1 code comes after focus went on from its box: a refusal brings the packer back.
      const keysAtRefusal = gs1From ? gs1From.keysAtMove : null;
      /** The scanned value refused for `why`, quoted as its line shows values (a use-by date in the bench's locale). */
      const refuseValue = (why: string, keys: number | null) => refuse(store, box, scanRefusal(quotedValue(useBy, value), why), keys);
      const check = checkIdentifier(value);
      if (!check.ok) {
        refuse(store, box, scanRefusal(value.slice(0, 60), `the identifier ${check.reason}`), keysAtRefusal);
        return;
      }
      // A single-use value another box holds (as far as the dialog knows): refused here, at once,
      // in this box, which keeps focus (or gets it back), before the next scan.
      if (refusedAsHeld(store, box, value, useBy, keysAtRefusal)) return;
      store.setNotice(box.key, undefined);
      store.clearAlertFor(box.key);
      store.setPending(box.key, value);
      // Move on at once so the next scan's keys land in the next box; come back if refused.
      const keysAtMove = gs1From ? gs1From.keysAtMove : how.advance ? keyCount.current : null;
      if (how.advance) advanceFrom(box, how.byHandTab);
      // The core is asked once the frame showing the move has been produced.
      const asked = new Promise<void>((resolve) => afterPaint(resolve));
      const work = asked.then(() => resolveIdentifier(api, box.productId, box.sku, value, useBy)).then((resolution) => {
        store.setPending(box.key, undefined);
        if (resolution.kind === 'refused') return refuse(store, box, resolution.message, keysAtMove);
        const mismatch = useBy ? scannedDateRefusalText(useBy, resolution.candidate, gs1From?.useBy ?? null) : null;
        if (mismatch) return refuseValue(mismatch, keysAtMove);
        // A lot with no date on record: its label's date (AI 17) is judged instead, and named if taken.
        const label = useBy ? undatedLotLabelCheck(useBy, resolution.candidate, gs1From?.useBy ?? null, today()) : null;
        if (label?.kind === 'refused') return refuseValue(label.why, keysAtMove);
        const expiry = expiryOf(useBy, resolution.candidate, today());
        if (expiry) return refuseValue(expiry, keysAtMove);
        // An undated lot taken on its label's date keeps that date, so the box is flagged if it passes while the dialog is open.
        const heldUseBy = resolution.candidate.useBy ?? (label?.kind === 'note' ? (gs1From?.useBy ?? null) : null);
        const chosen = { identifierId: resolution.candidate.identifierId, value: resolution.candidate.value, inUseBy: resolution.candidate.inUseBy, useBy: heldUseBy };
        const conflict = store.conflictFor(box, chosen);
        if (conflict && how.scanned) return refuse(store, box, `${conflict} The scan was refused; scan another.`, keysAtMove);
        store.choose(box.key, chosen);
        warnIfInUse(store, box, conflict);
        if (label?.kind === 'note') store.setNote(box.key, label.text);
      });
      resolutions.add(work);
      void work.finally(() => resolutions.delete(work));
    };

    const commitText = (box: BoxRef, text: string, how: CommitHow) => commitValue(box, text, how, null);

    return { choose, commitText, advanceFrom, boxAfterScan: (box) => boxAfter(box), refuseGone: refusedAsGone, focusBox: (box) => latest.current.focusBox(box) };
  }, []);
}
