/**
 * "Allocate Dispatch Identifiers": for every chosen order, every tracked line, one picker per unit
 * still to dispatch. A line may hold a million units, so the list is virtual twice over: each line
 * shows a window of its units (moved as the packer goes on, or jumped with "Go to unit" or
 * Ctrl+Home/Ctrl+End in a box), and only
 * the rows on screen are rendered. What the core holds is read a page of units at a time as rows
 * come into view; the packer's edits are a sparse map, so boxes scrolled away keep their values.
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { BenchApi, Candidate, MissingIdentifier } from '../../../../shared/contract/api.js';
import { ALLOCATION_UNITS_PAGE, MAX_ALLOCATIONS_PER_SAVE } from '../../../../shared/contract/schemas.js';
import { checkIdentifier, trimScannerInput } from '../../../../shared/domain/identifier-value.js';
import { IDENTIFIER_MODE_LABELS } from '../../../../shared/domain/modes.js';
import { useLeaveGuard } from '../../../app/unsaved-changes.js';
import { Dialog } from '../../../components/dialog/Dialog.js';
import { formatCount } from '../../../components/format-count.js';
import { beepRefusal } from '../../../scanner/beep.js';
import { useScanOptions } from '../../../scanner/scanner-settings.js';
import {
  boxByKey,
  boxKey,
  boxOf,
  changedAllocations,
  chunkChanges,
  conflictFor,
  currentChoice,
  describeBox,
  findWarnings,
  firstEmptyBox,
  holderOfValue,
  indexSheet,
  KnownAllocations,
  layoutRows,
  lineRowOf,
  nextBox,
  rowOfBox,
  sortKeys,
  windowSize,
  windowStartFor,
  type BoxRef,
  type Chosen,
  type SheetIndex,
  type SheetLine,
  type SheetRow,
  type SheetRows,
} from './allocation-model.js';
import { IdentifierPicker, type CommitHow } from './IdentifierPicker.js';
import { loadAllocationSheet } from './load-sheet.js';
import { gs1Commit } from './gs1-commit.js';
import { resolveIdentifier } from './resolve-identifier.js';
import { scanRefusal } from './scan-refusal.js';
import { CANDIDATE_LIMIT, type SearchCandidates } from './use-candidate-search.js';
import { benchToday, storedUseByText, linesWithUseByDates, dateOptionLabel, expiryRefusalText, type UseByLines } from './use-by-rules.js';
import { useFefoDefaults } from './use-fefo-defaults.js';

export interface AllocationDialogProps {
  api: BenchApi;
  orderIds: readonly number[];
  /** Units "Complete Order" found without identifiers: marked, and the first one gets focus. */
  needed?: readonly MissingIdentifier[];
  /** After a save; `changed` is how many boxes changed (0: there was nothing to save). */
  onSaved: (orderNumbers: string[], changed: number) => void;
  onCancel: () => void;
}

const ROW_HEIGHT: Record<SheetRow['kind'], number> = { order: 52, line: 40, box: 72, more: 44 };
/** Units one line shows at once, and the rows all windows together aim to stay under. */
const MOST_UNITS_SHOWN = 1000;
const ROWS_BUDGET = 50_000;
const LEAST_UNITS_SHOWN = 20;

export function AllocationDialog({ api, orderIds, needed = [], onSaved, onCancel }: AllocationDialogProps) {
  const titleId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const [index, setIndex] = useState<SheetIndex | null>(null);
  const knownRef = useRef(new KnownAllocations(ALLOCATION_UNITS_PAGE));
  const [knownVersion, setKnownVersion] = useState(0);
  const [windowStarts, setWindowStarts] = useState<ReadonlyMap<number, number>>(new Map());
  const [loadError, setLoadError] = useState<string | null>(null);
  const choicesRef = useRef<Map<string, Chosen | null>>(new Map());
  const [choices, setChoices] = useState<ReadonlyMap<string, Chosen | null>>(choicesRef.current);
  const [notices, setNotices] = useState<ReadonlyMap<string, string>>(new Map());
  const [serverIssues, setServerIssues] = useState<ReadonlyMap<string, string>>(new Map());
  const [pending, setPending] = useState<ReadonlyMap<string, string>>(new Map());
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const resolutions = useRef(new Set<Promise<void>>());
  const { gsSubstitute = '' } = useScanOptions();
  const pageLoads = useRef(new Map<string, Promise<void>>());
  const keyCount = useRef(0);
  // Issue 12: use-by lines are pre-selected first-expiring-first; expired values are refused.
  const [useByLines, setUseByLines] = useState<UseByLines>(new Map());
  const today = useMemo(benchToday, []);

  useEffect(() => {
    let live = true;
    void loadAllocationSheet(api, orderIds).then((result) => {
      if (!live) return;
      if (!result.ok) return setLoadError(result.error.message);
      knownRef.current = KnownAllocations.fromSheet(result.value, ALLOCATION_UNITS_PAGE);
      choicesRef.current = new Map();
      setChoices(choicesRef.current);
      setUseByLines(linesWithUseByDates(result.value));
      setIndex(indexSheet(result.value));
    });
    return () => {
      live = false;
    };
  }, [api, orderIds]);

  const known = knownRef.current;
  useFefoDefaults({
    api,
    index,
    useByLines,
    known: () => knownRef.current,
    choices: () => choicesRef.current,
    today,
    apply: (picks) => {
      const next = new Map(choicesRef.current);
      for (const [key, chosen] of picks) if (!next.has(key)) next.set(key, chosen);
      choicesRef.current = next;
      setChoices(next);
    },
  });
  const unitsShown = useMemo(() => (index ? windowSize(index, MOST_UNITS_SHOWN, ROWS_BUDGET, LEAST_UNITS_SHOWN) : MOST_UNITS_SHOWN), [index]);
  const layout = useMemo<SheetRows>(
    () => (index ? layoutRows(index, windowStarts, unitsShown) : { rows: [], lineRow: new Map(), firstBoxRow: new Map(), shown: new Map() }),
    [index, windowStarts, unitsShown],
  );
  const rows = layout.rows;
  const indexRef = useRef(index);
  indexRef.current = index;
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const neededKeys = useMemo(() => new Set(needed.map((m) => boxKey(m.lineId, m.unit))), [needed]);
  const warnings = useMemo(
    () => (index ? findWarnings(index, known, choices) : new Map<string, string>()),
    // knownVersion: units read from the core since may hold values that clash.
    [index, known, choices, knownVersion], // eslint-disable-line react-hooks/exhaustive-deps -- `known` is a mutable ref; knownVersion marks its changes
  );

  // The header of a line longer than its window (with "Go to unit") stays at the top while its
  // units scroll under it: always rendered, pinned with position: sticky.
  const stickyRow = useRef<number | null>(null);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const header = lineRowOf(layout, range.startIndex);
      const row = header === null ? undefined : layout.rows[header];
      stickyRow.current = row?.kind === 'line' && row.line.units > unitsShown && header! < range.startIndex ? header : null;
      const indexes = defaultRangeExtractor(range);
      return stickyRow.current === null || indexes.includes(stickyRow.current) ? indexes : [stickyRow.current, ...indexes];
    },
    [layout, unitsShown],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    rangeExtractor,
    getScrollElement: () => listRef.current,
    estimateSize: (i) => {
      const row = rows[i];
      if (row?.kind === 'line' && row.line.units > unitsShown) return 84;
      return ROW_HEIGHT[row?.kind ?? 'box'];
    },
    overscan: 12,
    getItemKey: (i) => rowKey(rows[i]!, i),
  });
  const virtualItems = virtualizer.getVirtualItems();

  // Read the core's values for the units on screen, a page at a time.
  const loadPage = useCallback(
    (lineId: number, unit: number) => {
      const page = known.pageOf(unit);
      const key = `${lineId}:${page}`;
      if (known.isKnown(lineId, unit) || pageLoads.current.has(key)) return;
      const work = api.getAllocationUnits({ lineId, fromUnit: known.pageStart(page), limit: known.pageSize }).then((result) => {
        pageLoads.current.delete(key);
        if (knownRef.current !== known) return;
        if (!result.ok) return setAlert(`Could not read the identifiers of units ${known.pageStart(page)} onwards: ${result.error.message}`);
        known.addPage(lineId, page, result.value.allocations);
        setKnownVersion((v) => v + 1);
      });
      pageLoads.current.set(key, work);
    },
    [api, known],
  );
  // The pinned header comes first when shown; the rows on screen start after it.
  const firstVisible = virtualItems.find((item) => item.index !== stickyRow.current)?.index ?? -1;
  const lastVisible = virtualItems[virtualItems.length - 1]?.index ?? -1;
  useEffect(() => {
    for (let i = Math.max(0, firstVisible); i <= lastVisible; i++) {
      const row = rows[i];
      if (row?.kind === 'box') loadPage(row.line.lineId, row.unit);
    }
  }, [rows, firstVisible, lastVisible, loadPage]);

  // Focus can be asked for a box that is not rendered yet; it is given when the box mounts.
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const pendingFocus = useRef<string | null>(null);
  const pendingScroll = useRef<BoxRef | null>(null);
  const refCallbacks = useRef(new Map<string, (el: HTMLInputElement | null) => void>());
  const inputRefFor = useCallback((key: string) => {
    let callback = refCallbacks.current.get(key);
    if (!callback) {
      callback = (el) => {
        if (!el) {
          inputs.current.delete(key);
          refCallbacks.current.delete(key);
          return;
        }
        inputs.current.set(key, el);
        if (pendingFocus.current === key) {
          pendingFocus.current = null;
          el.focus();
        }
      };
      refCallbacks.current.set(key, callback);
    }
    return callback;
  }, []);

  /** Focuses a box, moving its line's window first if needed (to start at `windowStart` if given). */
  const focusBox = useCallback(
    (box: BoxRef, windowStart?: number) => {
      const element = inputs.current.get(box.key);
      if (element) {
        element.focus();
        return;
      }
      pendingFocus.current = box.key;
      const row = rowOfBox(layoutRef.current, box);
      if (row !== null) {
        virtualizer.scrollToIndex(row, { align: 'center' });
        return;
      }
      // Outside its line's window: move the window there, then scroll once the rows are laid out.
      const line = indexRef.current?.lineById.get(box.lineId);
      if (!line) return;
      pendingScroll.current = box;
      setWindowStarts((starts) => new Map(starts).set(box.lineId, windowStartFor(line, windowStart ?? box.unit, unitsShown)));
    },
    [virtualizer, unitsShown],
  );

  useLayoutEffect(() => {
    const box = pendingScroll.current;
    if (!box) return;
    const row = rowOfBox(layout, box);
    if (row === null) return;
    pendingScroll.current = null;
    virtualizer.scrollToIndex(row, { align: 'center' });
  }, [layout, virtualizer]);

  // First focus: the first unit needed now, else the first empty box, else the first box.
  useEffect(() => {
    if (!index) return;
    const firstNeeded = sortKeys(index, neededKeys).map((key) => boxByKey(index, key)).find((b) => b !== null);
    const first = firstNeeded ?? firstEmptyBox(index);
    if (first) focusBox(first);
    else cancelRef.current?.focus();
  }, [index]); // eslint-disable-line react-hooks/exhaustive-deps -- only once the sheet has loaded, not on every focus or need change

  const searchers = useRef(new Map<number, SearchCandidates>());
  const searchFor = (productId: number): SearchCandidates => {
    let searcher = searchers.current.get(productId);
    if (!searcher) {
      searcher = (query) => api.searchCandidates({ productId, query: query.replace(/^[\r\n\t]+|[\r\n\t]+$/g, ''), limit: CANDIDATE_LIMIT });
      searchers.current.set(productId, searcher);
    }
    return searcher;
  };

  function setMapEntry<V>(setter: (f: (m: ReadonlyMap<string, V>) => ReadonlyMap<string, V>) => void, key: string, value: V | undefined) {
    setter((map) => {
      if (value === undefined && !map.has(key)) return map;
      const next = new Map(map);
      if (value === undefined) next.delete(key);
      else next.set(key, value);
      return next;
    });
  }

  function setChoice(key: string, chosen: Chosen | null) {
    const next = new Map(choicesRef.current);
    next.set(key, chosen);
    choicesRef.current = next;
    setChoices(next);
    setMapEntry(setNotices, key, undefined);
    setMapEntry(setServerIssues, key, undefined);
    setAlert(null);
  }

  function advanceFrom(box: BoxRef): string | null {
    const next = index ? nextBox(index, box) : null;
    if (next) {
      focusBox(next);
      return next.key;
    }
    saveRef.current?.focus();
    return null;
  }

  /** A refused scan: the box is emptied, says why, the dialog's live region announces it, a beep follows. */
  function refuse(box: BoxRef, message: string, keysAtMove: number | null) {
    setChoice(box.key, null);
    setMapEntry(setNotices, box.key, message);
    setAlert(message);
    beepRefusal();
    // Bring the packer back to the refused box, unless they already went on typing elsewhere.
    if (keysAtMove !== null && keyCount.current === keysAtMove) focusBox(box);
  }

  function chooseCandidate(box: BoxRef, candidate: Candidate, advance: boolean) {
    const useBy = useByLines.get(box.lineId);
    const expiry = useBy ? expiryRefusalText(useBy, candidate.value, today) : null;
    if (expiry) return refuse(box, scanRefusal(candidate.value, expiry), null);
    setChoice(box.key, { identifierId: candidate.identifierId, value: candidate.value, inUseBy: candidate.inUseBy });
    if (advance) advanceFrom(box);
  }

  function commitText(box: BoxRef, text: string, how: CommitHow) {
    const gs1 = gs1Commit(api, box.productId, text, gsSubstitute);
    if (gs1) {
      // A GS1 code: its value for this product (or a refusal) once the product's barcode and kind are read.
      setMapEntry(setPending, box.key, text.trim());
      const keysAtMove = how.advance ? keyCount.current : null;
      if (how.advance) advanceFrom(box);
      const work = gs1.then((outcome) => {
        setMapEntry(setPending, box.key, undefined);
        if (outcome.kind === 'refused') return refuse(box, outcome.message, keysAtMove);
        commitText(box, outcome.value, { ...how, advance: false });
      });
      resolutions.current.add(work);
      void work.finally(() => resolutions.current.delete(work));
      return;
    }
    const useBy = useByLines.get(box.lineId);
    // A use-by date may be scanned as GS1 YYMMDD or typed in the bench's format: stored as YYYY-MM-DD.
    const value = useBy ? storedUseByText(trimScannerInput(text), today) : trimScannerInput(text);
    if (!value) {
      setChoice(box.key, null);
      if (how.advance) advanceFrom(box);
      return;
    }
    const check = checkIdentifier(value);
    if (!check.ok) {
      refuse(box, scanRefusal(value.slice(0, 60), `the identifier ${check.reason}`), null);
      return;
    }
    // A single-use value another box holds (as far as the dialog knows): refused here, at once.
    const holder = index ? holderOfValue(index, knownRef.current, choicesRef.current, pending, box, value) : null;
    const repeat = holder ? scanRefusal(value, `it is already chosen for ${describeBox(holder)}`) : null;
    if (repeat) {
      refuse(box, repeat, null); // refused in this box, which keeps focus, before the next scan
      return;
    }
    setMapEntry(setNotices, box.key, undefined);
    setAlert(null);
    setMapEntry(setPending, box.key, value);
    // Move on at once so the next scan's keys land in the next box; come back if refused.
    const keysAtMove = how.advance ? keyCount.current : null;
    if (how.advance) advanceFrom(box);
    const work = resolveIdentifier(api, box.productId, box.sku, value).then((resolution) => {
      setMapEntry(setPending, box.key, undefined);
      if (resolution.kind === 'refused') return refuse(box, resolution.message, keysAtMove);
      const expiry = useBy ? expiryRefusalText(useBy, resolution.candidate.value, today) : null;
      if (expiry) return refuse(box, scanRefusal(value, expiry), keysAtMove);
      const chosen = { identifierId: resolution.candidate.identifierId, value: resolution.candidate.value, inUseBy: resolution.candidate.inUseBy };
      const conflict = index ? conflictFor(index, knownRef.current, choicesRef.current, box, chosen) : null;
      if (conflict && how.scanned) return refuse(box, `${conflict} The scan was refused; scan another.`, keysAtMove);
      setChoice(box.key, chosen);
    });
    resolutions.current.add(work);
    void work.finally(() => resolutions.current.delete(work));
  }

  const unsavedCount = () => (index ? changedAllocations(knownRef.current, choicesRef.current).length + pending.size : 0);
  const confirmLeave = useLeaveGuard({
    hasUnsaved: () => unsavedCount() > 0,
    save: () => save(),
    describe: () => {
      const count = unsavedCount();
      return `${count} identifier ${count === 1 ? 'box has' : 'boxes have'} unsaved changes.`;
    },
  });
  /** Escape, Cancel: ask first when boxes changed ("Save" closes the dialog by saving). */
  const cancel = () => confirmLeave(onCancel, { proceedAfterSave: false });

  /** Saves the changed boxes; true once saved (the dialog is then closed by onSaved). */
  async function save(): Promise<boolean> {
    if (!index || saving) return false;
    setSaving(true);
    await Promise.all([...resolutions.current]);
    // Values read for boxes the packer edited decide whether the edit is a change.
    await Promise.all([...pageLoads.current.values()]);
    const current = choicesRef.current;
    const problems = findWarnings(index, knownRef.current, current);
    if (problems.size > 0) {
      setSaving(false);
      showProblems(`${problems.size} box${problems.size === 1 ? '' : 'es'} need fixing before saving: a single-use identifier can go to one unit only. Nothing was saved.`, [...problems.keys()]);
      return false;
    }
    const changes = changedAllocations(knownRef.current, current);
    const orderNumbers = [...new Set(index.orders.map((o) => o.orderNumber))];
    if (changes.length === 0) {
      setSaving(false);
      onSaved(orderNumbers, 0);
      return true;
    }
    let sent = 0;
    for (const chunk of chunkChanges(changes, MAX_ALLOCATIONS_PER_SAVE)) {
      const result = await api.saveAllocations({ allocations: chunk });
      if (!result.ok) {
        setSaving(false);
        const issues = new Map<string, string>();
        for (const issue of result.error.issues) {
          if (issue.lineId !== undefined && issue.unit !== undefined) issues.set(boxKey(issue.lineId, issue.unit), issue.message);
        }
        setServerIssues(issues);
        const before = sent > 0 ? ` The first ${formatCount(sent)} changed boxes were saved before this.` : '';
        showProblems(result.error.message + before, [...issues.keys()]);
        return false;
      }
      sent += chunk.length;
    }
    setSaving(false);
    onSaved(orderNumbers, changes.length);
    return true;
  }

  function showProblems(message: string, keys: string[]) {
    setAlert(message);
    const first = index ? sortKeys(index, keys).map((key) => boxByKey(index, key)).find((b) => b !== null) : undefined;
    if (first) focusBox(first);
    else alertRef.current?.focus();
  }

  const orderCount = index?.orders.length ?? 0;
  const boxCount = index?.boxCount ?? 0;
  const problemCount = warnings.size;

  return (
    <Dialog
      title="Allocate Dispatch Identifiers"
      heading={false}
      labelledBy={titleId}
      className="allocation-dialog"
      onKeyDownCapture={() => void keyCount.current++}
      onCancel={cancel}
    >
      <header className="dialog-header">
        <h2 id={titleId}>Allocate Dispatch Identifiers</h2>
        {index && (
          <p className="dialog-summary">
            {formatCount(orderCount)} order{orderCount === 1 ? '' : 's'}, {formatCount(boxCount)} identifier box{boxCount === 1 ? '' : 'es'}.
            {index.ordersWithoutBoxes > 0 &&
              ` ${formatCount(index.ordersWithoutBoxes)} of the orders need${index.ordersWithoutBoxes === 1 ? 's' : ''} no dispatch identifiers, so show no box.`}
            {problemCount > 0 && ` ${problemCount} box${problemCount === 1 ? '' : 'es'} with a warning.`}
          </p>
        )}
      </header>
      <div ref={alertRef} tabIndex={-1} role="alert" className={alert || loadError ? 'dialog-alert' : 'dialog-alert empty'}>
        {(alert ?? loadError) && (
          <>
            <span aria-hidden="true">⚠ </span>
            {alert ?? loadError}
          </>
        )}
      </div>
      {!index && !loadError && <p className="loading">Loading the orders…</p>}
      {index && boxCount === 0 && <p className="dialog-empty">None of these orders has a product with dispatch identifiers: there is nothing to allocate.</p>}
      <div ref={listRef} className="allocation-list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((item) => {
            const row = rows[item.index]!;
            const boxLine = row.kind === 'box' ? row.line : null;
            const box = row.kind === 'box' ? boxOf(row.line, row.unit) : null;
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
                  </h3>
                )}
                {row.kind === 'line' && (
                  <div className="sheet-line">
                    <p>
                      <strong>{row.line.sku}</strong> {row.line.title} · {formatCount(row.line.units)} unit{row.line.units === 1 ? '' : 's'} ·{' '}
                      {IDENTIFIER_MODE_LABELS[row.line.mode]}
                    </p>
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
                    Show {row.direction} units {formatCount(row.from)}–{formatCount(row.to)} of {row.line.sku}
                  </button>
                )}
                {box && boxLine && (
                  <div
                    className="sheet-box"
                    onKeyDown={(e) => {
                      // As in a grid: Ctrl+Home / Ctrl+End go to the line's first / last unit.
                      if (!(e.ctrlKey || e.metaKey) || (e.key !== 'Home' && e.key !== 'End')) return;
                      e.preventDefault();
                      focusBox(boxOf(boxLine, e.key === 'Home' ? boxLine.firstUnit : boxLine.quantity));
                    }}
                  >
                    <span className="unit-label" aria-hidden="true">
                      Unit {box.unit}
                      {neededKeys.has(box.key) && <span className="needed-tag"> (needed now)</span>}
                    </span>
                    <IdentifierPicker
                      id={`pick-${box.lineId}-${box.unit}`}
                      label={`${box.orderNumber} ${box.sku} unit ${box.unit}${neededKeys.has(box.key) ? ', needed now' : ''}`}
                      chosen={currentChoice(known, choices, box)}
                      pendingText={pending.get(box.key) ?? null}
                      message={notices.get(box.key) ?? serverIssues.get(box.key) ?? warnings.get(box.key) ?? null}
                      search={searchFor(box.productId)}
                      optionText={useByLines.has(box.lineId) ? (c) => dateOptionLabel(c, useByLines.get(box.lineId)!, today) : undefined}
                      onChoose={(candidate, advance) => chooseCandidate(box, candidate, advance)}
                      onCommitText={(text, how) => commitText(box, text, how)}
                      onAdvance={() => advanceFrom(box)}
                      inputRef={inputRefFor(box.key)}
                    />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <footer className="dialog-footer">
        <button ref={saveRef} type="button" className="primary" onClick={() => void save()} disabled={!index} aria-busy={saving || undefined}>
          Save Changes
        </button>
        <button ref={cancelRef} type="button" onClick={cancel}>
          Cancel
        </button>
      </footer>
    </Dialog>
  );
}

/** "Go to unit" for a line longer than its window: a number, checked, then that unit's box. */
function GoToUnit({ line, from, to, onGo }: { line: SheetLine; from: number; to: number; onGo: (unit: number) => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  function go() {
    const unit = Number(text.trim());
    if (!/^\d+$/.test(text.trim()) || unit < line.firstUnit || unit > line.quantity) {
      setProblem(`Enter a unit number from ${line.firstUnit} to ${line.quantity}.`);
      beepRefusal();
      return;
    }
    setProblem(null);
    onGo(unit);
  }
  return (
    <div className="go-to-unit">
      <span className="muted">
        Showing units {formatCount(from)}–{formatCount(to)}.
      </span>{' '}
      <label htmlFor={id}>Go to unit</label>{' '}
      <input
        id={id}
        type="text"
        inputMode="numeric"
        className="go-to-unit-input"
        aria-label={`Go to unit of ${line.orderNumber} ${line.sku}`}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          go();
        }}
      />{' '}
      <button type="button" onClick={go}>
        Go
      </button>
      {problem && (
        <p id={`${id}-problem`} className="box-problem">
          <span aria-hidden="true">⚠ </span>
          {problem}
        </p>
      )}
    </div>
  );
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
