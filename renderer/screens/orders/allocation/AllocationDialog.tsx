/**
 * "Allocate Dispatch Identifiers": for every chosen order, every tracked line, one picker per unit
 * still to dispatch. A line may hold a million units, so the list is virtual twice over: each line
 * shows a window of its units (moved as the packer goes on, or jumped with "Go to unit" or
 * Ctrl+Home/Ctrl+End in a box), and only
 * the rows on screen are rendered. What the core holds is read a page of units at a time as rows
 * come into view; the packer's edits are a sparse map, so boxes scrolled away keep their values.
 *
 * A scan must reach the screen within a frame: what the boxes show lives in a store outside React
 * (allocation-box-store.ts) and each box row is memoised and subscribed to its own entry, so a scan
 * re-renders the box it changed, not the dialog. The work is split into hooks: the sheet
 * (use-allocation-sheet), focus in the virtual list (use-box-focus), what a box does with a value
 * (use-box-actions) and saving (use-allocation-save).
 */
import { defaultRangeExtractor, measureElement, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import type { BenchApi, MissingIdentifier } from '../../../../shared/contract/api.js';
import { IDENTIFIER_MODE_LABELS } from '../../../../shared/domain/modes.js';
import { Dialog } from '../../../components/dialog/Dialog.js';
import { counted, formatCount } from '../../../components/format-count.js';
import { REFUSAL_SAMPLE, RefusalWarmup } from '../../../components/RefusalWarmup.js';
import { beepRefusal } from '../../../scanner/beep.js';
import type { AllocationBoxStore } from './allocation-box-store.js';
import { boxByKey, boxKey, boxOf, findBox, firstEmptyBox, isUnitGone, layoutRows, lineRowOf, sortKeys, windowSize, type BoxRef, type SheetIndex, type SheetRow, type SheetRows } from './allocation-model.js';
import { AllocationBoxRow } from './AllocationBoxRow.js';
import { FefoPlanNote } from './FefoPlanNote.js';
import { GoToUnit } from './GoToUnit.js';
import { useAllocationSave, type CompleteWithBoxes } from './use-allocation-save.js';
import { useAllocationSheet } from './use-allocation-sheet.js';
import { useBoxActions } from './use-box-actions.js';
import { useBoxFocus } from './use-box-focus.js';
import { dispatchedElsewhereText, lineGoneNote, unitsDispatchedElsewhereText, useDispatchedElsewhere } from './use-dispatched-elsewhere.js';
import { useFocusOffGoneBox } from './use-focus-off-gone-box.js';
import { useModeChangedElsewhere } from './use-mode-changed-elsewhere.js';
import { useTakenElsewhere } from './use-taken-elsewhere.js';
import { benchToday, dateOptionLabel } from './use-by-rules.js';
import { useExpiryFlags } from './use-expiry-flags.js';
import { whenIdle } from '../../../scanner/after-paint.js';
import { useScanOptions } from '../../../scanner/scanner-settings.js';
import type { Candidate } from '../../../../shared/contract/api.js';
import { CANDIDATE_LIMIT, CANDIDATE_LOOKAHEAD, type SearchCandidates } from './use-candidate-search.js';
import { scanRefusal } from './scan-refusal.js';
import { useTypedAhead, type TypedAhead, type TypedAheadSink } from './use-typed-ahead.js';
import { ALLOCATION_DIALOG_TITLE } from './allocation-dialog-title.js';
import { useScanOffBox } from './use-scan-off-box.js';

export interface AllocationDialogProps {
  api: BenchApi;
  orderIds: readonly number[];
  /** Units "Complete Order" found without identifiers: marked, and the first one gets focus. */
  needed?: readonly MissingIdentifier[];
  /** How many units need identifiers in all: `needed` lists the first of them (MAX_MISSING_LISTED). */
  neededCount?: number;
  /**
   * Units "Complete Order" refused for the identifier they hold (expired since, dispatched elsewhere):
   * the first one gets focus when no unit is needed, so the packer starts on the box to change.
   */
  toReplace?: readonly MissingIdentifier[];
  /** After a save; `changed` is how many boxes changed (0: there was nothing to save). */
  onSaved: (orderNumbers: string[], changed: number, changedOrders: string[] | null) => void;
  onCancel: () => void;
  /**
   * Opened from an order's "Complete Order": the dialog offers "Complete Order" too, which saves the
   * boxes and completes the order in one step (focus goes there after the last box).
   */
  completeWith?: CompleteWithBoxes;
  /**
   * With completeWith: the order page's "Dispatch now" numbers by line. A line asked for more than
   * remains once part of it was dispatched elsewhere refuses "Complete Order" before anything is sent.
   */
  dispatchNow?: () => ReadonlyMap<number, number>;
  /**
   * Filled while the dialog is open: says a refusal of the page's (leaving while its "Complete Order" is
   * on its way) in the dialog's alert, beeped, where the packer reads it, not on the page behind.
   */
  refusalsHere?: RefObject<((message: string) => void) | null>;
  /** Where the focus goes on closing when the control that opened it is gone (see Dialog). */
  fallbackFocus?: () => HTMLElement | null | undefined;
  /**
   * The keys typed before the dialog was there ("Opening…" while its code loaded: AllocationDialogOpening),
   * kept on in this buffer until the boxes are read. Left out, the dialog keeps its own from its opening.
   */
  typedAhead?: TypedAhead;
}

const ROW_HEIGHT: Record<SheetRow['kind'], number> = { order: 52, line: 40, box: 72, more: 44 };
const BOX_ROW_CLASS = 'row-box'; // as rendered below: `row-${row.kind}`
/** Units one line shows at once, and the rows all windows together aim to stay under. */
const MOST_UNITS_SHOWN = 1000;
const ROWS_BUDGET = 50_000;
const LEAST_UNITS_SHOWN = 20;
/** Rows rendered beyond the view on either side (the rows kept around the focused box come on top). */
const OVERSCAN = 4;
const NO_ROWS: SheetRows = { rows: [], lineRow: new Map(), firstBoxRow: new Map(), shown: new Map() };

export function AllocationDialog({ api, orderIds, needed = [], neededCount = needed.length, toReplace = [], onSaved, onCancel, completeWith, dispatchNow, refusalsHere, fallbackFocus, typedAhead: typedAheadBefore }: AllocationDialogProps) {
  const titleId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const completeRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const keyCount = useRef(0);
  const resolutions = useRef(new Set<Promise<void>>()).current;

  const { index, store, loadError, useByLines, loadPage, pageLoads, sheet, replaceSheet } = useAllocationSheet(api, orderIds);
  // Orders (or units of their lines) dispatched elsewhere meanwhile: marked, their boxes read-only and left out of saving.
  const { gone, unitsGone, parts, holdWhileCompleting } = useDispatchedElsewhere(api, store);
  const partsGoneText = unitsDispatchedElsewhereText(parts, gone);
  // A product's identifier mode changed elsewhere meanwhile: its lines' boxes follow the new mode, said once.
  const modeChanged = useModeChangedElsewhere(api, orderIds, sheet, gone, replaceSheet);
  // A single-use value chosen here and taken by another order meanwhile: its box warns at once.
  useTakenElsewhere(api, store);
  // Issue 12: use-by and dated-lot lines are pre-selected first-expiring-first as their pages are read
  // (use-allocation-sheet, the core's picks over the whole line); expired values are refused. Today is
  // read at each check and each picker label (benchToday), not once: a dialog left open past midnight
  // refuses what expired at midnight, and no box re-renders for the date.
  // Boxes holding a value that expired since it was put there (at midnight, the dialog open) are flagged.
  useExpiryFlags(store, useByLines, benchToday);
  const [windowStarts, setWindowStarts] = useState<ReadonlyMap<number, number>>(new Map());
  const unitsShown = useMemo(() => (index ? windowSize(index, MOST_UNITS_SHOWN, ROWS_BUDGET, LEAST_UNITS_SHOWN) : MOST_UNITS_SHOWN), [index]);
  const layout = useMemo<SheetRows>(() => (index ? layoutRows(index, windowStarts, unitsShown) : NO_ROWS), [index, windowStarts, unitsShown]);
  const rows = layout.rows;
  // The units "Complete Order" found without identifiers, less those the sheet (read as the dialog
  // opened, so newer) reads holding one: saved since, before the page had read the order again ("Add"
  // pressed right after a save's "OK"). Those are neither marked "needed now" nor given the focus.
  const neededKeys = useMemo(
    () => new Set(needed.filter((m) => !store?.known.initial(m.lineId, m.unit)).map((m) => boxKey(m.lineId, m.unit))),
    [needed, store],
  );
  const neededNow = useMemo(() => (index ? sortKeys(index, neededKeys) : []), [index, neededKeys]);

  // The rows around the focused box stay rendered, a screenful and the overscan either side, moved
  // when the page is idle after focus moves: a scan's scroll to the next box (every few scans) then
  // finds every row it shows already mounted and unmounts none, so its frame re-renders no row.
  const [keptAround, setKeptAround] = useState<number | null>(null);
  const cancelKeep = useRef<(() => void) | null>(null);
  const keepAroundFocus = useCallback((target: EventTarget) => {
    const row = target instanceof Element ? target.closest<HTMLElement>('[data-index]') : null;
    if (!row) return;
    const index = Number(row.dataset.index);
    cancelKeep.current?.();
    cancelKeep.current = whenIdle(() => setKeptAround(index));
  }, []);
  useEffect(() => () => cancelKeep.current?.(), []);

  // The header of a line longer than its window (with "Go to unit") stays at the top while its
  // units scroll under it: always rendered, pinned with position: sticky.
  const stickyRow = useRef<number | null>(null);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const header = lineRowOf(layout, range.startIndex);
      const row = header === null ? undefined : layout.rows[header];
      stickyRow.current = row?.kind === 'line' && row.line.units > unitsShown && header! < range.startIndex ? header : null;
      const indexes = withKeptRows(defaultRangeExtractor(range), range, keptAround);
      return stickyRow.current === null || indexes.includes(stickyRow.current) ? indexes : [stickyRow.current, ...indexes];
    },
    [layout, unitsShown, keptAround],
  );

  // Box rows share one height (their message line is kept when empty), learnt from those measured:
  // a row mounted by a scan's scroll is then laid out where it stays, and measuring it moves nothing.
  const boxRowHeight = useRef<number | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    rangeExtractor,
    getScrollElement: () => listRef.current,
    estimateSize: (i) => {
      const row = rows[i];
      if (row?.kind === 'line' && row.line.units > unitsShown) return 84;
      if (row?.kind === 'box' && boxRowHeight.current !== null) return boxRowHeight.current;
      return ROW_HEIGHT[row?.kind ?? 'box'];
    },
    measureElement: (element, entry, instance) => {
      const isBox = element.classList.contains(BOX_ROW_CLASS);
      // A box row just mounted is taken at the learnt height rather than read from the page (which
      // would lay the page out in the middle of a scan's frame); its resize observer reports the
      // real size soon after, so a row whose message wraps still gets its height.
      if (isBox && !entry && boxRowHeight.current !== null) return boxRowHeight.current;
      const size = measureElement(element, entry, instance);
      // The shortest is the plain row (a long message wraps onto more lines).
      if (isBox && size > 0) boxRowHeight.current = Math.min(size, boxRowHeight.current ?? size);
      return size;
    },
    overscan: OVERSCAN,
    getItemKey: (i) => rowKey(rows[i]!, i),
  });
  const virtualItems = virtualizer.getVirtualItems();

  // The pinned header comes first when shown; the rows on screen start after it.
  const firstVisible = virtualItems.find((item) => item.index !== stickyRow.current)?.index ?? -1;
  const lastVisible = virtualItems[virtualItems.length - 1]?.index ?? -1;
  useEffect(() => {
    for (let i = Math.max(0, firstVisible); i <= lastVisible; i++) {
      const row = rows[i];
      if (row?.kind === 'box') loadPage(row.line.lineId, row.unit);
    }
  }, [rows, firstVisible, lastVisible, loadPage]);

  const { inputRefFor, focusBox, focusedKey } = useBoxFocus({ index, layout, virtualizer, unitsShown, setWindowStarts });
  const scanOptions = useScanOptions();
  const { gsSubstitute = '' } = scanOptions;
  // Keys typed before the boxes are read (a scan right after "Add"): kept for the first box.
  const ownTypedAhead = useTypedAhead(scanOptions);
  const typedAhead = typedAheadBefore ?? ownTypedAhead;
  // A scan while a button has the focus: refused in words, its Enter pressing nothing.
  const scanOffBox = useScanOffBox(scanOptions, store);
  // The orders not read: no box will come for what was typed ahead, refused (beeped) under the alert saying why.
  useEffect(() => {
    if (loadError) typedAhead.release({ enter: () => beepRefusal(), carryOn: () => beepRefusal() });
  }, [loadError, typedAhead]);
  // After the last box, focus goes to the dialog's main action.
  const actions = useBoxActions({ api, index, store, focusBox, saveRef: completeWith ? completeRef : saveRef, keyCount, resolutions, useByLines, today: benchToday, gsSubstitute, dispatchedElsewhere: gone, unitsDispatchedElsewhere: unitsGone, neededNow, neededNowListsEvery: neededCount <= needed.length });
  // The focused box gone (its order or its unit dispatched elsewhere): the focus goes on, said in the status.
  const focusMoved = useFocusOffGoneBox({ index, gone, unitsGone, focusedKey, focusBox, mainAction: completeWith ? completeRef : saveRef, mainLabel: completeWith ? 'Complete Order' : 'Save Changes' });
  const { save, complete, cancel, saving } = useAllocationSave({ api, index, store, pageLoads, resolutions, focusBox, alertRef, onSaved, onCancel, completeWith, useByLines, dispatchedElsewhere: gone, holdWhileCompleting, partsDispatchedElsewhere: parts, dispatchNow, completeRef });
  // A layout effect: gone with the dialog in the same commit, so a refusal after it is said on the page.
  useLayoutEffect(() => {
    if (!refusalsHere || !store) return undefined;
    refusalsHere.current = (message) => {
      store.setAlert(message);
      beepRefusal();
    };
    return () => void (refusalsHere.current = null);
  }, [refusalsHere, store]);

  // First focus: the first unit needed now, else the first empty box, else the first box. The sheet
  // taken anew (a mode changed elsewhere) moves focus only when its box went with it (focus fell to
  // the page): to the first empty box, else the first box, else Cancel, as at first.
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (!index) return;
    if (focusedOnce.current) {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      const first = firstEmptyBox(index);
      if (first) focusBox(first);
      else cancelRef.current?.focus();
      return;
    }
    focusedOnce.current = true;
    const firstNeeded = neededNow.map((key) => boxByKey(index, key)).find((b) => b !== null);
    const firstToReplace = toReplace.map((m) => findBox(index, m.lineId, m.unit)).find((b) => b !== null);
    const first = firstNeeded ?? firstToReplace ?? firstEmptyBox(index);
    if (first) focusBox(first);
    else cancelRef.current?.focus();
    typedAhead.release(typedAheadInto(first));
  }, [index]); // eslint-disable-line react-hooks/exhaustive-deps -- only once the sheet has loaded, not on every focus or need change

  /**
   * Where the values typed ahead go: the box first focused, then each next one, as scans there would
   * (while units are needed now, the next of those still empty); a value that paused goes on there.
   * One with no box left for it is refused in words and beeped, not dropped.
   */
  function typedAheadInto(first: BoxRef | null): TypedAheadSink {
    let target = first;
    const refuse = (text: string) => {
      store?.setAlert(scanRefusal(text, 'there is no box left for it'));
      beepRefusal();
    };
    return {
      enter: (text, how) => {
        if (!target || !store || !index) return refuse(text);
        actions.commitText(target, text, how);
        if (how.advance) target = actions.boxAfterScan(target);
      },
      carryOn: (text, scanning) => {
        if (!target || !store) return refuse(text);
        if (actions.refuseGone(target)) return; // its order (or unit) went meanwhile: said and beeped, as an entry there is
        focusBox(target);
        store.setDraft(target.key, { text, scanning });
      },
    };
  }

  // One search function per product, so the memoised rows keep theirs.
  const searchers = useRef(new Map<number, SearchCandidates>());
  const searchFor = (productId: number): SearchCandidates => {
    let searcher = searchers.current.get(productId);
    if (!searcher) {
      searcher = (query, readAhead = true) =>
        api.searchCandidates({ productId, query: query.replace(/^[\r\n\t]+|[\r\n\t]+$/g, ''), limit: CANDIDATE_LIMIT, lookahead: readAhead ? CANDIDATE_LOOKAHEAD : 0 });
      searchers.current.set(productId, searcher);
    }
    return searcher;
  };

  // One option formatter per use-by line, so the memoised rows keep theirs.
  const optionTexts = useRef(new Map<number, (candidate: Candidate) => string>());
  const optionTextFor = (lineId: number) => {
    const rule = useByLines.get(lineId);
    if (!rule) return undefined;
    let format = optionTexts.current.get(lineId);
    if (!format) optionTexts.current.set(lineId, (format = (c: Candidate) => dateOptionLabel(c, rule, benchToday())));
    return format;
  };

  const boxCount = index?.boxCount ?? 0;

  return (
    <Dialog
      title={ALLOCATION_DIALOG_TITLE}
      heading={false}
      labelledBy={titleId}
      className="allocation-dialog"
      onKeyDownCapture={(event) => {
        keyCount.current++;
        // Where the focus went when its box was dispatched elsewhere is said until the packer goes on.
        focusMoved.clear();
        typedAhead.onKeyDownCapture(event);
        scanOffBox(event);
      }}
      onCancel={cancel}
      fallbackFocus={fallbackFocus}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{ALLOCATION_DIALOG_TITLE}</h2>
        {index && store && <SheetSummary index={index} store={store} />}
      </header>
      <DialogAlert store={store} loadError={loadError} alertRef={alertRef} />
      {/* Always rendered, so a screen reader announces the text when it appears. */}
      <p role="status" className="dialog-status">
        {index && dispatchedElsewhereText(index, gone)}
        {partsGoneText && <span className="dialog-note"> {partsGoneText}</span>}
        {modeChanged && <span className="dialog-note"> {modeChanged}</span>}
        {focusMoved.text && <span className="dialog-note"> {focusMoved.text}</span>}
        {store && <DialogNote store={store} />}
      </p>
      <RefusalWarmup>
        <div className="dialog-alert">{REFUSAL_SAMPLE}</div>
        <div className="sheet-box">
          <p className="box-message">{REFUSAL_SAMPLE}</p>
        </div>
      </RefusalWarmup>
      {!index && !loadError && <p className="loading">Loading the orders…</p>}
      {index && boxCount === 0 && <p className="dialog-empty">None of these orders has a product with dispatch identifiers: there is nothing to allocate.</p>}
      <div ref={listRef} className="allocation-list" onFocus={(e) => keepAroundFocus(e.target)}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={`allocation-row row-${row.kind}${item.index === stickyRow.current ? ' sticky' : ''}`}
                style={
                  item.index === stickyRow.current
                    ? { position: 'sticky', top: 0, left: 0, width: '100%' }
                    : { position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }
                }
              >
                {row.kind === 'order' && (
                  <h3 className="sheet-order">
                    Order {row.order.orderNumber} <span className="muted">— {row.order.customer}</span>
                    {row.order.lines.length === 0 && <span className="sheet-note">: no dispatch identifiers needed</span>}
                    {gone.has(row.order.orderId) && <span className="sheet-gone"> — dispatched elsewhere</span>}
                  </h3>
                )}
                {row.kind === 'line' && (
                  <div className="sheet-line">
                    <p>
                      <strong>{row.line.named}</strong> {row.line.title} · {counted(row.line.units, 'unit', 'units')} ·{' '}
                      {IDENTIFIER_MODE_LABELS[row.line.mode]}
                      <LineGoneNote note={gone.has(row.line.orderId) ? null : lineGoneNote(parts.get(row.line.lineId), row.line.units)} />
                    </p>
                    {store && <FefoPlanNote rule={useByLines.get(row.line.lineId)} lineId={row.line.lineId} store={store} />}
                    {row.line.units > unitsShown && (
                      <GoToUnit line={row.line} from={row.from} to={row.to} onGo={(unit) => focusBox(boxOf(row.line, unit))} />
                    )}
                  </div>
                )}
                {row.kind === 'more' && (
                  <button
                    type="button"
                    className="sheet-more"
                    onClick={() =>
                      row.direction === 'later' ? focusBox(boxOf(row.line, row.from)) : focusBox(boxOf(row.line, row.to), row.from)
                    }
                  >
                    Show {row.direction} units {formatCount(row.from)}–{formatCount(row.to)} of {row.line.named}
                  </button>
                )}
                {row.kind === 'box' && store && (
                  <AllocationBoxRow
                    line={row.line}
                    unit={row.unit}
                    needed={neededKeys.has(boxKey(row.line.lineId, row.unit))}
                    store={store}
                    actions={actions}
                    search={searchFor(row.line.productId)}
                    inputRef={inputRefFor(boxKey(row.line.lineId, row.unit))}
                    optionText={optionTextFor(row.line.lineId)}
                    gone={gone.has(row.line.orderId) || isUnitGone(unitsGone, row.line.lineId, row.unit)}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
      <footer className="dialog-footer">
        {completeWith && (
          <button ref={completeRef} type="button" className="primary" onClick={() => void complete()} disabled={!index} aria-busy={saving || undefined}>
            Complete Order
          </button>
        )}
        <button ref={saveRef} type="button" className={completeWith ? undefined : 'primary'} onClick={() => void save()} disabled={!index} aria-busy={saving || undefined}>
          Save Changes
        </button>
        <button ref={cancelRef} type="button" onClick={cancel}>
          Cancel
        </button>
      </footer>
    </Dialog>
  );
}

/** "N orders, M identifier boxes. K boxes with a warning.": re-rendered when the warnings change, alone. */
function SheetSummary({ index, store }: { index: SheetIndex; store: AllocationBoxStore }) {
  useSyncExternalStore(store.subscribe, store.getVersion);
  const orderCount = index.orders.length;
  const boxCount = index.boxCount;
  const problemCount = store.warningCount;
  return (
    <p className="dialog-summary">
      {counted(orderCount, 'order', 'orders')}, {counted(boxCount, 'identifier box', 'identifier boxes')}.
      {index.ordersWithoutBoxes > 0 &&
        ` ${formatCount(index.ordersWithoutBoxes)} of the orders ${index.ordersWithoutBoxes === 1 ? 'needs no dispatch identifiers, so it shows' : 'need no dispatch identifiers, so they show'} no box.`}
      {problemCount > 0 && ` ${counted(problemCount, 'box', 'boxes')} with a warning.`}
    </p>
  );
}

/** "— 2 of them dispatched elsewhere" after a line's count of units (said politely in the status as it happens). */
function LineGoneNote({ note }: { note: string | null }) {
  return note === null ? null : <span className="sheet-gone"> — {note}</span>;
}

/** The last box note (e.g. an undated lot's label date), in the dialog's polite status; re-rendered alone. */
function DialogNote({ store }: { store: AllocationBoxStore }) {
  const note = useSyncExternalStore(store.subscribe, () => store.note);
  return note === null ? null : <span className="dialog-note"> {note}</span>;
}

/** The dialog's live region: the last refusal or problem, announced at once. */
function DialogAlert({ store, loadError, alertRef }: { store: AllocationBoxStore | null; loadError: string | null; alertRef: RefObject<HTMLDivElement | null> }) {
  const subscribe = useCallback((listener: () => void) => store?.subscribe(listener) ?? (() => {}), [store]);
  const alert = useSyncExternalStore(subscribe, () => store?.alert ?? null);
  // Each alert's words go in anew (a new node), so the same refusal twice is announced twice.
  const alertNumber = useSyncExternalStore(subscribe, () => store?.alertNumber ?? 0);
  const text = alert ?? loadError;
  return (
    <div ref={alertRef} tabIndex={-1} role="alert" className={text ? 'dialog-alert' : 'dialog-alert empty'}>
      {text && <span key={alert === null ? 'load' : alertNumber}>{text}</span> /* the ⚠ sign is drawn by the stylesheet, as for the grid's refusals */}
    </div>
  );
}

/**
 * The rows to render: the virtualizer's (the view and its overscan, in order) and those kept around
 * the focused box (a screenful and the overscan either side), in order, each once.
 */
function withKeptRows(indexes: number[], range: Range, keptAround: number | null): number[] {
  if (keptAround === null || range.count === 0) return indexes;
  const reach = range.endIndex - range.startIndex + 1 + range.overscan + 1;
  const from = Math.max(0, keptAround - reach);
  const to = Math.min(range.count - 1, keptAround + reach);
  if (from > to) return indexes;
  const rendered = new Set(indexes);
  for (let i = from; i <= to; i++) rendered.add(i);
  return [...rendered].sort((a, b) => a - b);
}

function rowKey(row: SheetRow, index: number): string {
  switch (row.kind) {
    case 'order':
      return `o${row.order.orderId}`;
    case 'line':
      return `l${row.line.lineId}`;
    case 'box':
      return `b${row.line.lineId}:${row.unit}`;
    case 'more':
      return `m${row.line.lineId}${row.direction}`;
    default:
      return String(index);
  }
}
