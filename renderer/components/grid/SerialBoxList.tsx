/**
 * A virtualised column of serial number boxes, one per unit, for grids of any size: only the rows
 * on screen (plus a margin) exist in the DOM, and pages are read from the store as they scroll in.
 *
 * Scanner rule (DESIGN §5): Enter, or Tab after a scan, moves focus to the next empty box. The move
 * happens inside the keydown handler itself, so the next scanned character already lands in the
 * new box. The box after the focused one that is empty is always rendered (pinned), and a target
 * that is not yet rendered is rendered synchronously (flushSync) before focusing it.
 *
 * Keyboard: one tab stop for the whole column (roving tabindex); Up/Down, Page Up/Down and
 * Ctrl+Home/End move between boxes; Tab on a box that was not just typed into leaves the column.
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ClipboardEvent,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { flushSync } from 'react-dom';
import { BOX_ROW_HEIGHT, BoxRow, dateInputId, type BoxRowCallbacks } from './BoxRow.js';
import { lotDateProblem, passedLotDateNote } from './grid-checks.js';
import { localToday } from '../../../shared/identifiers/use-by-dates.js';
import { lotDateForSave } from './identifier-rules.js';
import { isColumnPaste, readPaste, type PastedRow } from './paste-column.js';
import type { BoxView, SerialBoxStore } from './serial-box-store.js';
import { refusalForPaste, refusalForScan } from './scan-check.js';
import { afterPaint, whenIdle } from '../../scanner/after-paint.js';
import { beepRefusal } from '../../scanner/beep.js';
import { insertGs, isGsKey } from '../../scanner/gs-key.js';
import { useScanOptions } from '../../scanner/scanner-settings.js';
import { DEFAULT_SCAN_TIMING } from '../../scanner/scan-detector.js';
import { isBlankInput, trimScannerInput } from '../../../shared/domain/identifier-value.js';
import { expandRange, type IdentifierRange } from '../../../shared/ranges/identifier-range.js';
import { interpretBoxEntry, plural, quoteEntry, type EntryProduct } from './box-entry.js';
import { RangePreviewDialog, type RangeFill } from './RangePreviewDialog.js';
import { REFUSAL_SAMPLE, RefusalWarmup } from '../RefusalWarmup.js';
import { RefusalLine, ScanRefusal } from './ScanRefusal.js';
import { counted, withThousands } from '../../../shared/domain/counted.js';

export interface SerialBoxListHandle {
  /** Refuses the value in a box after the fact (e.g. the core found it elsewhere): emptied, shown, beeped, announced. */
  refuseBox(index: number, message: string): void;
  /** Scrolls the box to the middle of the view and focuses it. */
  focusBox(index: number): void;
  /** Focuses the first empty box (or the first box). */
  focusFirstEmpty(): void;
}

interface SerialBoxListProps {
  store: SerialBoxStore;
  /** Names the column for assistive technology: "Serial numbers". */
  label: string;
  /** Spoken before each box number: "Serial number" gives "Serial number 12". */
  boxLabelPrefix: string;
  /** Prefix of the boxes' element ids; unique on the page. */
  idPrefix: string;
  /** Called when Enter/Tab finds no empty box left (e.g. to focus "Save Changes"). */
  onNoEmptyBox?: () => void;
  /** Called after a scan is accepted locally and focus has moved on: for checks that ask the core. */
  onScanAccepted?: (index: number, value: string) => void;
  /** How refusals name a box: "Box" gives "already in box 3". */
  boxWord?: string;
  /**
   * The product the boxes are for: GS1 scans give its value (and another product's GTIN is
   * refused, `nameOtherProduct` saying which product it is), and ranges fill boxes after a preview.
   */
  entry?: { product: EntryProduct; nameOtherProduct: (gtin: string) => Promise<string> };
  /**
   * Lot products (issue 12): a use-by date box beside each lot. Tab after typing a lot moves to its
   * date; Enter (in either box), or Tab after typing a date, moves to the next empty box; a GS1 scan's (17) fills the date.
   */
  withDates?: boolean;
  ref?: Ref<SerialBoxListHandle>;
}

// Kept small on purpose: Chromium does work per text box on every keystroke, so fewer rendered
// boxes mean faster keystrokes. Scan targets do not depend on it (the next empty box is pinned).
const OVERSCAN = 4;

/** "Pasted 1 value into box 3." / "Pasted 2 values into boxes 5 to 6." */
function pastedWords(count: number, first: number, last: number): string {
  const where = first === last ? `box ${first + 1}` : `boxes ${first + 1} to ${last + 1}`;
  return `Pasted ${counted(count, 'value', 'values')} into ${where}.`;
}

/** Why keys typed or scanned into box `index` went nowhere: it is read only, or not read from the bench yet. */
function readOnlyRefusal(view: BoxView, index: number, boxWord: string): string {
  const name = `${boxWord} ${index + 1}`;
  if (!view.loaded) return `${name} is still being read from the bench: nothing typed or scanned goes into it yet. Scan again once it shows its serial number.`;
  const why = view.status === 'consumed' ? 'dispatched' : view.status === 'allocated' ? 'allocated to an order' : `used on ${counted(view.useCount, 'order unit', 'order units')}`;
  return `${name} is read only (${why}): nothing typed or scanned goes into it. Move to an empty box or one you may change.`;
}

/** Whether box `index` lies wholly inside the scroller's visible part. */
function isInView(scroller: HTMLElement | null, index: number): boolean {
  if (!scroller) return true;
  const top = index * BOX_ROW_HEIGHT;
  return top >= scroller.scrollTop && top + BOX_ROW_HEIGHT <= scroller.scrollTop + scroller.clientHeight;
}

/**
 * What box `index` held when it got the focus: its edit then, or null for its saved value (read when
 * refused: the box may have got the focus before its page was read, or been read again since).
 */
function heldBefore(atFocus: { index: number; value: string | null } | null, index: number): string | null {
  return atFocus?.index === index ? atFocus.value : null;
}

export function SerialBoxList({ store, label, boxLabelPrefix, idPrefix, onNoEmptyBox, onScanAccepted, boxWord = 'Box', entry, withDates = false, ref }: SerialBoxListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [pasteMessage, setPasteMessage] = useState('');
  // The last refused scan, in a live region: shown and announced in the frame of the key press.
  const [refusalLine] = useState(() => new RefusalLine());
  const typedSinceFocus = useRef(false);
  // When the last key typed or scanned into a box that takes none (read only, or not read yet) was refused:
  // the refusal is said once per run of keys, and the Enter or Tab ending that run (a scan's suffix) does
  // not move on as if it was taken. After a pause, a key is a new attempt and an Enter or Tab is a person's.
  const typedIntoReadOnly = useRef<number | null>(null);
  // What the focused box held when it got the focus: a refused scan puts it back (README: "the box
  // keeps what it held before"). Kept per box for scans accepted here and refused later by the core.
  const heldAtFocus = useRef<{ index: number; value: string | null } | null>(null);
  const heldBeforeScan = useRef(new Map<number, string | null>());
  const total = store.totalBoxes;
  const [rangeFill, setRangeFill] = useState<RangeFill | null>(null);
  // Where focus goes once the range preview has closed (it gives focus back to the box first).
  const focusAfterRange = useRef<number | 'done' | null>(null);
  const entryRef = useRef(entry);
  entryRef.current = entry;
  const { gsSubstitute = '', maxGapMs = DEFAULT_SCAN_TIMING.maxGapMs } = useScanOptions();
  const withDatesRef = useRef(withDates);
  withDatesRef.current = withDates;
  const gsSubstituteRef = useRef(gsSubstitute);
  gsSubstituteRef.current = gsSubstitute;

  // The list re-renders when the next empty box changes, not on every keystroke: rows subscribe
  // to their own box in the store.
  const nextEmpty = useSyncExternalStore(store.subscribe, () => store.nextEmptyAfter(active));
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      for (const pinned of [active, nextEmpty]) {
        if (pinned !== null && pinned < range.count && !indexes.includes(pinned)) indexes.push(pinned);
      }
      return indexes.sort((a, b) => a - b);
    },
    [active, nextEmpty],
  );
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => BOX_ROW_HEIGHT,
    overscan: OVERSCAN,
    rangeExtractor,
    initialRect: { width: 800, height: 600 },
  });

  const startIndex = virtualizer.range?.startIndex ?? 0;
  const endIndex = virtualizer.range?.endIndex ?? 0;
  useEffect(() => {
    store.want(Math.max(0, startIndex - OVERSCAN), endIndex + OVERSCAN + 1);
  }, [store, startIndex, endIndex]);

  const inputId = useCallback((index: number) => `${idPrefix}-${index}`, [idPrefix]);

  // A scan's checks are compiled on first use, a few milliseconds of the session's first refusal:
  // run once, reading only (nothing is changed, shown or heard), when the page is idle after opening.
  useEffect(
    () =>
      whenIdle(() => {
        const sample = store.box(0).value || '0';
        const product = entryRef.current?.product;
        if (product) interpretBoxEntry(sample, product, gsSubstituteRef.current);
        refusalForScan(store, 0, boxWord);
      }),
    [store, boxWord],
  );

  /** Makes the box rendered (synchronously), optionally centres it, and focuses it. */
  const focusBox = useCallback(
    (index: number, centre: boolean) => {
      if (index < 0 || index >= total) return;
      let input = document.getElementById(inputId(index));
      if (!input) {
        // Not rendered yet: make it the tab stop (which pins it) and render now, before focusing.
        flushSync(() => setActive(index));
        input = document.getElementById(inputId(index));
      }
      const scroller = scrollRef.current;
      if (centre && scroller) {
        scroller.scrollTop = Math.max(0, index * BOX_ROW_HEIGHT - (scroller.clientHeight - BOX_ROW_HEIGHT) / 2);
      }
      input?.focus({ preventScroll: centre });
      // Its value selected, as Tab leaves it: a scan into a filled box replaces the value, never runs
      // on from its end ("2031-04-30NEW-LOT-77" went in, accepted, for a box reached by Up or Down).
      if (input instanceof HTMLInputElement) input.select();
    },
    [total, inputId],
  );

  const refuseBox = useCallback(
    (index: number, message: string, keepFocus: boolean) => {
      // At once (keepFocus), the box focused since before the scan; later (the core's answer to an
      // accepted scan), what the box held before that scan.
      const held = keepFocus ? heldBefore(heldAtFocus.current, index) : (heldBeforeScan.current.get(index) ?? null);
      heldBeforeScan.current.delete(index);
      store.refuse(index, message, held);
      refusalLine.show(message);
      beepRefusal();
      // The refused box holds what it held before: what was typed is gone, so Tab there is a plain Tab again.
      if (document.activeElement?.id === inputId(index)) typedSinceFocus.current = false;
      // Back to the refused box, unless the packer already typed into another one.
      const current = document.activeElement;
      const idle = !(current instanceof HTMLInputElement) || current.value === '' || current.id === inputId(index);
      if (!keepFocus && idle) focusBox(index, false);
    },
    [store, focusBox, inputId, refusalLine],
  );

  useImperativeHandle(
    ref,
    () => ({
      refuseBox: (index, message) => refuseBox(index, message, false),
      focusBox: (index) => focusBox(index, true),
      focusFirstEmpty: () => focusBox(store.isEmpty(0) ? 0 : (store.nextEmptyAfter(0) ?? 0), true),
    }),
    [focusBox, store, refuseBox],
  );

  const onNoEmptyBoxRef = useRef(onNoEmptyBox);
  onNoEmptyBoxRef.current = onNoEmptyBox;

  useEffect(() => {
    if (rangeFill !== null || focusAfterRange.current === null) return;
    const target = focusAfterRange.current;
    focusAfterRange.current = null;
    if (target === 'done') onNoEmptyBoxRef.current?.();
    else focusBox(target, false);
  }, [rangeFill, focusBox]);

  /**
   * A range entered in box `index`: refused (saying why) or shown for confirmation. Lot products: the
   * preview takes the lots' use-by date, starting from `useBy` (typed beside the range or pasted after it).
   */
  const offerRange = useCallback(
    (index: number, raw: string, range: IdentifierRange, useBy?: string) => {
      const values = expandRange(range);
      const word = boxWord.toLowerCase();
      const taken: string[] = [];
      let takenCount = 0;
      for (const value of values) {
        const holder = store.holderOf(value, index);
        if (holder === null) continue;
        takenCount++;
        if (taken.length < 3) taken.push(`"${value}" (${word} ${holder + 1})`);
      }
      if (takenCount > 0) {
        const which = takenCount === 1 ? `${taken[0]} is already entered` : `${takenCount} of its values are already entered: ${taken.join(', ')}${takenCount > taken.length ? ', …' : ''}`;
        refuseBox(index, `The range ${quoteEntry(raw)} was refused: ${which}. Nothing was filled.`, true);
        return;
      }
      const boxes = [index, ...store.emptyBoxesFrom(index + 1, values.length - 1)];
      if (boxes.length < values.length) {
        refuseBox(
          index,
          `The range ${quoteEntry(raw)} was refused: it has ${withThousands(values.length)} values, but only ${withThousands(boxes.length)} ${plural(word)} from ${word} ${index + 1} on are empty. Nothing was filled.`,
          true,
        );
        return;
      }
      refusalLine.show('');
      const fill: RangeFill = { raw, range, boxes, values };
      if (withDatesRef.current) fill.useBy = useBy ?? store.box(index).useBy;
      setRangeFill(fill);
    },
    [store, boxWord, refuseBox, refusalLine],
  );
  const offerRangeRef = useRef(offerRange);
  offerRangeRef.current = offerRange;
  const onScanAcceptedRef = useRef(onScanAccepted);
  onScanAcceptedRef.current = onScanAccepted;

  /** Moves on from box `index` as a scan does: to the next empty box, or past the last one. */
  const moveToNextEmpty = useCallback(
    (index: number) => {
      const next = store.nextEmptyAfter(index);
      if (next === null) onNoEmptyBoxRef.current?.();
      // A target below (or above) the view is centred, not just scrolled to the edge: the list
      // then scrolls once every few scans instead of on every one, and shows the boxes to come.
      else focusBox(next, !isInView(scrollRef.current, next));
    },
    [store, focusBox],
  );

  /** Focuses the use-by date box beside lot box `index` (rendering the row first if need be). */
  const focusDate = useCallback(
    (index: number) => {
      if (index < 0 || index >= total) return;
      focusBox(index, false);
      const date = document.getElementById(dateInputId(inputId(index)));
      date?.focus();
      if (date instanceof HTMLInputElement) date.select();
    },
    [focusBox, inputId, total],
  );

  const callbacks = useMemo<BoxRowCallbacks>(() => {
    const pageRows = () => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? BOX_ROW_HEIGHT * 10) / BOX_ROW_HEIGHT) - 1);
    /** The box a movement key goes to (Up/Down, Page Up/Down, Ctrl+Home/End), from a lot box or its date box alike. */
    const moveTarget = (index: number, event: KeyboardEvent<HTMLInputElement>): number | undefined => {
      if (event.shiftKey) return undefined;
      const moves: Record<string, number | undefined> = {
        ArrowDown: index + 1,
        ArrowUp: index - 1,
        PageDown: Math.min(total - 1, index + pageRows()),
        PageUp: Math.max(0, index - pageRows()),
        Home: event.ctrlKey ? 0 : undefined,
        End: event.ctrlKey ? total - 1 : undefined,
      };
      return moves[event.key];
    };
    /**
     * A key into a box that takes none (read only, or its page not read yet): a character (or a scanner's
     * GS) is refused, in words and beeped, once per scan; the Enter or Tab ending it stays in the box.
     * True when the key was dealt with here.
     */
    const readOnlyKey = (index: number, event: KeyboardEvent<HTMLInputElement>): boolean => {
      if (store.isEditable(index) || event.nativeEvent.isComposing) return false;
      const character = isGsKey(event) || (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey);
      const last = typedIntoReadOnly.current;
      const sameRun = last !== null && event.timeStamp - last <= maxGapMs;
      if (character) {
        event.preventDefault();
        if (!sameRun) {
          refusalLine.show(readOnlyRefusal(store.box(index), index, boxWord));
          beepRefusal();
        }
        typedIntoReadOnly.current = event.timeStamp;
        return true;
      }
      typedIntoReadOnly.current = null;
      if (sameRun && (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey && !event.ctrlKey))) {
        event.preventDefault();
        return true;
      }
      return false;
    };
    return {
      onDate: (index, value) => {
        typedSinceFocus.current = true;
        store.setUseBy(index, value);
      },
      onDateKeyDown: (index, event: KeyboardEvent<HTMLInputElement>) => {
        if (readOnlyKey(index, event)) return;
        if (event.altKey || event.nativeEvent.isComposing) return;
        const moveTo = moveTarget(index, event);
        if (moveTo !== undefined) {
          // The date column stays the date column, as Up/Down in a lot box stay among the lots.
          event.preventDefault();
          focusDate(moveTo);
          return;
        }
        // As in a lot box: Tab after typing (a scanner ending in Tab) is Enter, else it leaves the list.
        const scanEnd = event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey && !event.ctrlKey && typedSinceFocus.current);
        if (!scanEnd) return;
        event.preventDefault();
        const view = store.box(index);
        const problem = lotDateProblem(view.useBy, view.value);
        if (problem) {
          store.refuseDate(index, problem);
          refusalLine.show(problem);
          beepRefusal();
          return;
        }
        // Shown as it will be stored (YYYY-MM-DD), so the packer sees how the date was read.
        const stored = lotDateForSave(view.useBy);
        if (stored !== null && stored !== view.useBy) store.setUseBy(index, stored);
        refusalLine.show('');
        const passed = passedLotDateNote(stored, view.value, `${boxWord.toLowerCase()} ${index + 1}`, localToday());
        // Said until the next date entered: a date fixed takes its note away.
        setPasteMessage(passed ?? '');
        // A range typed beside this date (range, Tab, date, Enter): its preview, every lot with this date.
        const product = entryRef.current;
        const entered = view.edited && product && !isBlankInput(view.value) ? interpretBoxEntry(view.value, product.product, gsSubstituteRef.current) : null;
        if (entered?.kind === 'range') {
          offerRangeRef.current(index, view.value, entered.range, stored ?? view.useBy);
          return;
        }
        moveToNextEmpty(index);
      },
      onDatePaste: (index, event: ClipboardEvent<HTMLInputElement>) => {
        // A date box is one line: several lines or cells would go in run together (junk), so they are
        // refused in words; one cell copied from a sheet (ending in a line break) goes in alone.
        if (!store.isEditable(index)) return;
        const text = event.clipboardData.getData('text/plain');
        const lines = text.replace(/\r\n?/g, '\n').split('\n');
        while (lines.length > 1 && lines.at(-1)!.trim() === '') lines.pop();
        const cells = lines[0]!.split('\t');
        while (cells.length > 1 && cells.at(-1)!.trim() === '') cells.pop();
        if (lines.length === 1 && cells.length === 1 && text === lines[0]) return;
        event.preventDefault();
        const where = `The paste into the use-by date of ${boxWord.toLowerCase()} ${index + 1} was refused`;
        const refused =
          lines.length > 1
            ? `${where}: it has ${withThousands(lines.length)} lines, and a use-by date is one (such as 2027-03-31). To fill several lots with their dates, paste the lots and dates into a lot box. Nothing was pasted.`
            : cells.length > 1
              ? `${where}: it has ${withThousands(cells.length)} cells, and a use-by date is one (such as 2027-03-31). To paste a lot with its date, paste both cells into the lot box. Nothing was pasted.`
              : null;
        if (refused) {
          refusalLine.show(refused);
          beepRefusal();
          return;
        }
        const input = event.currentTarget;
        const start = input.selectionStart ?? input.value.length;
        const end = input.selectionEnd ?? start;
        typedSinceFocus.current = true;
        store.setUseBy(index, input.value.slice(0, start) + cells[0]! + input.value.slice(end));
      },
      onValue: (index, value) => {
        typedSinceFocus.current = true;
        store.setValue(index, value);
      },
      onFocus: (index) => {
        typedSinceFocus.current = false;
        typedIntoReadOnly.current = null;
        // Back from the range preview (or the date beside the box) with an entry typed: still the value from before it.
        const view = store.box(index);
        if (heldAtFocus.current?.index !== index || !view.edited) heldAtFocus.current = { index, value: view.edited ? view.value : null };
        setActive(index);
      },
      onKeyDown: (index, event: KeyboardEvent<HTMLInputElement>) => {
        if (readOnlyKey(index, event)) return;
        if (isGsKey(event)) {
          // A scanner's GS separator (Ctrl+]): kept in the box for the GS1 reading at Enter.
          event.preventDefault();
          insertGs(event.currentTarget);
          return;
        }
        if (event.altKey || event.nativeEvent.isComposing) return;
        if (event.key === 'Escape' && typedSinceFocus.current) {
          // As in the identifier boxes: Escape undoes what was typed into this box since it took the focus
          // (a typo was saved with the rest); the next Escape goes on to the dialog or screen.
          event.preventDefault();
          event.stopPropagation();
          store.setValue(index, heldBefore(heldAtFocus.current, index) ?? store.savedValue(index));
          typedSinceFocus.current = false;
          return;
        }
        const scanEnd = event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey && !event.ctrlKey && typedSinceFocus.current);
        if (scanEnd) {
          event.preventDefault();
          let view = store.box(index);
          const product = entryRef.current;
          // Lot products: Tab after typing a lot goes on to its date, unless a GS1 code brought the date.
          let toDate = withDatesRef.current && event.key === 'Tab';
          if (view.edited && product && !isBlankInput(view.value)) {
            const raw = view.value;
            const outcome = interpretBoxEntry(raw, product.product, gsSubstituteRef.current);
            if (outcome.kind === 'refused') {
              refuseBox(index, outcome.message, true);
              return;
            }
            if (outcome.kind === 'range') {
              // Lot products: Tab goes on to the range's use-by date first, as for one lot; Enter there previews.
              if (toDate) focusDate(index);
              else offerRangeRef.current(index, raw, outcome.range);
              return;
            }
            if (outcome.kind === 'other-product') {
              // Back at once to what the box held, for the next scan; the refusal names the product as soon as it is known.
              const held = heldBefore(heldAtFocus.current, index);
              heldBeforeScan.current.set(index, held);
              store.setValue(index, held ?? store.savedValue(index));
              void product.nameOtherProduct(outcome.gtin).then((message) => refuseBox(index, message, false));
              return;
            }
            if (outcome.value !== raw) {
              store.setValue(index, outcome.value);
              view = store.box(index);
            }
            if (outcome.useBy !== undefined && withDatesRef.current) {
              store.setUseBy(index, outcome.useBy);
              toDate = false;
            }
          }
          if (view.edited) {
            const refused = refusalForScan(store, index, boxWord);
            if (refused) {
              // Refused in this box, which keeps focus and what it held, for the next scan.
              refuseBox(index, refused, true);
              return;
            }
          }
          refusalLine.show('');
          if (toDate) focusDate(index);
          else moveToNextEmpty(index);
          if (view.edited && !isBlankInput(view.value)) {
            const value = trimScannerInput(view.value);
            // The core may still refuse it (e.g. dispatched already): the box then goes back to this.
            heldBeforeScan.current.set(index, heldBefore(heldAtFocus.current, index));
            afterPaint(() => onScanAcceptedRef.current?.(index, value));
          }
          return;
        }
        const target = moveTarget(index, event);
        if (target === undefined) return;
        event.preventDefault();
        focusBox(target, false);
      },
      onPaste: (index, event: ClipboardEvent<HTMLInputElement>) => {
        const text = event.clipboardData.getData('text/plain');
        // Lot dates and GS1 codes in the paste (issue 12): paste-column.ts reads them per row.
        const product = entryRef.current?.product;
        // The scanner's GS substitute too: a scan log copied from elsewhere keeps the stand-in for GS.
        const read = readPaste(text, product, gsSubstituteRef.current);
        if ('refused' in read) {
          event.preventDefault();
          setPasteMessage('');
          refusalLine.show(`The paste was refused: ${read.refused} Nothing was pasted.`);
          beepRefusal();
          return;
        }
        const rows: PastedRow[] = read.rows;
        const values = rows.map((r) => r.value);
        // One pasted range ("L-001..L-100<TAB>2027-03-01" for lots): previewed as if typed, with its date.
        const pastedRange = rows.length === 1 && product ? interpretBoxEntry(rows[0]!.value, product, gsSubstituteRef.current) : null;
        if (pastedRange?.kind === 'range') {
          event.preventDefault();
          offerRangeRef.current(index, rows[0]!.value.trim(), pastedRange.range, rows[0]!.useBy);
          return;
        }
        const special = rows.length === 1 && (rows[0]!.useBy !== undefined || rows[0]!.value !== text);
        if (!isColumnPaste(values) && !special) return;
        event.preventDefault();
        // One empty cell copied from a sheet would clear the box: a paste of nothing changes nothing.
        if (rows.every((row) => isBlankInput(row.value) && (row.useBy === undefined || isBlankInput(row.useBy)))) {
          setPasteMessage('');
          refusalLine.show('The paste was refused: the copied cells are empty, so there is nothing to paste. Nothing was changed.');
          beepRefusal();
          return;
        }
        setPasteMessage(`Pasting ${counted(values.length, 'value', 'values')}…`);
        void store.loadForFill(index, values.length).then((ready) => {
          if (!ready) {
            setPasteMessage('The serial numbers could not be read from the bench; the paste was not applied. Try again.');
            return;
          }
          // A column that does not fit is refused whole, as a range is: half a paste leaves the packer
          // to work out which values went in.
          const room = store.roomFrom(index, values.length);
          if (room < values.length) {
            const word = boxWord.toLowerCase();
            const message = `The pasted column was refused: it has ${withThousands(values.length)} values, but only ${withThousands(room)} ${room === 1 ? word : plural(word)} from ${word} ${index + 1} on can take them. Nothing was pasted.`;
            setPasteMessage('');
            refusalLine.show(message);
            beepRefusal();
            return;
          }
          // A serial number repeated in the column, held by a box it does not replace, or not valid is refused
          // whole, as a scan of it is: the packer learns at once which row, not at "Save Changes".
          const problem = refusalForPaste(store, values, store.fillTargets(index, values.length), boxWord);
          if (problem) {
            setPasteMessage('');
            refusalLine.show(`The pasted column was refused: ${problem}. Nothing was pasted.`);
            beepRefusal();
            return;
          }
          const { first, last, boxes } = store.fillFrom(index, values);
          if (withDatesRef.current) {
            boxes.forEach((box, i) => {
              const useBy = rows[i]?.useBy;
              if (useBy !== undefined) store.setUseBy(box, useBy);
            });
          }
          refusalLine.show('');
          setPasteMessage(pastedWords(values.length, first ?? index, last ?? index));
        });
      },
    };
  }, [store, total, focusBox, refuseBox, boxWord, moveToNextEmpty, focusDate, refusalLine, maxGapMs]);

  const items = virtualizer.getVirtualItems();
  return (
    <div className="serial-box-list">
      <ScanRefusal line={refusalLine} />
      <RefusalWarmup>
        <p className="scan-refusal">{REFUSAL_SAMPLE}</p>
        <span className="serial-box-problem">{REFUSAL_SAMPLE}</span>
      </RefusalWarmup>
      {rangeFill && (
        <RangePreviewDialog
          fill={rangeFill}
          boxWord={boxWord}
          onFill={(useBy) => {
            store.fillBoxes(rangeFill.boxes, rangeFill.values, useBy);
            const last = rangeFill.boxes.at(-1)!;
            setPasteMessage(`Filled ${plural(boxWord.toLowerCase())} ${rangeFill.boxes[0]! + 1} to ${last + 1} with ${withThousands(rangeFill.values.length)} values from the range.`);
            focusAfterRange.current = store.nextEmptyAfter(last) ?? 'done';
            setRangeFill(null);
          }}
          onCancel={() => setRangeFill(null)}
        />
      )}
      {/* A short list (a few new units) is only as tall as its rows. */}
      <div ref={scrollRef} className="serial-box-scroller" role="group" aria-label={label} style={{ maxHeight: virtualizer.getTotalSize() + 4 }}>
        <div className="serial-box-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => (
            <BoxRow
              key={item.index}
              index={item.index}
              top={item.start}
              inputId={inputId(item.index)}
              labelPrefix={boxLabelPrefix}
              store={store}
              tabStop={item.index === active}
              dated={withDates}
              callbacks={callbacks}
            />
          ))}
        </div>
      </div>
      <p className="serial-box-paste-status" role="status">
        {pasteMessage}
      </p>
    </div>
  );
}
