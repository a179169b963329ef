/**
 * "Allocate Dispatch Identifiers": for every chosen order, every tracked line, one picker per unit
 * still to dispatch. The list of boxes is virtualised (1,000 orders open at once); what each box
 * holds lives here, so boxes scrolled out of view keep their values.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { BenchApi, Candidate, MissingIdentifier } from '../../../../shared/contract/api.js';
import { checkIdentifier, trimScannerInput } from '../../../../shared/domain/identifier-value.js';
import { IDENTIFIER_MODE_LABELS } from '../../../../shared/domain/modes.js';
import { Dialog } from '../../../components/dialog/Dialog.js';
import { beepRefusal } from '../../../scanner/beep.js';
import {
  boxKey,
  changedAllocations,
  conflictFor,
  findWarnings,
  layoutSheet,
  type BoxRef,
  type Chosen,
  type SheetLayout,
  type SheetRow,
} from './allocation-model.js';
import { IdentifierPicker, type CommitHow } from './IdentifierPicker.js';
import { loadAllocationSheet } from './load-sheet.js';
import { resolveIdentifier } from './resolve-identifier.js';
import { repeatInSheet, scanRefusal } from './scan-refusal.js';
import { CANDIDATE_LIMIT, type SearchCandidates } from './use-candidate-search.js';

export interface AllocationDialogProps {
  api: BenchApi;
  orderIds: readonly number[];
  /** Units "Complete Order" found without identifiers: marked, and the first one gets focus. */
  needed?: readonly MissingIdentifier[];
  /** After a save; `changed` is how many boxes changed (0: there was nothing to save). */
  onSaved: (orderNumbers: string[], changed: number) => void;
  onCancel: () => void;
}

const ROW_HEIGHT: Record<SheetRow['kind'], number> = { order: 52, line: 40, box: 72 };

export function AllocationDialog({ api, orderIds, needed = [], onSaved, onCancel }: AllocationDialogProps) {
  const titleId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const [layout, setLayout] = useState<SheetLayout | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const choicesRef = useRef<Map<string, Chosen | null>>(new Map());
  const [choices, setChoices] = useState<ReadonlyMap<string, Chosen | null>>(choicesRef.current);
  const [notices, setNotices] = useState<ReadonlyMap<string, string>>(new Map());
  const [serverIssues, setServerIssues] = useState<ReadonlyMap<string, string>>(new Map());
  const [pending, setPending] = useState<ReadonlyMap<string, string>>(new Map());
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const resolutions = useRef(new Set<Promise<void>>());
  const keyCount = useRef(0);

  useEffect(() => {
    let live = true;
    void loadAllocationSheet(api, orderIds).then((result) => {
      if (!live) return;
      if (!result.ok) return setLoadError(result.error.message);
      const next = layoutSheet(result.value);
      choicesRef.current = new Map(next.initial);
      setChoices(choicesRef.current);
      setLayout(next);
    });
    return () => {
      live = false;
    };
  }, [api, orderIds]);

  const rows = layout?.rows ?? [];
  const boxes = layout?.boxes ?? [];
  const neededKeys = useMemo(() => new Set(needed.map((m) => boxKey(m.lineId, m.unit))), [needed]);
  const warnings = useMemo(() => findWarnings(boxes, choices), [boxes, choices]);
  const boxIndex = useMemo(() => new Map(boxes.map((b, i) => [b.key, i])), [boxes]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: (i) => ROW_HEIGHT[rows[i]?.kind ?? 'box'],
    overscan: 12,
    getItemKey: (i) => rowKey(rows[i]!, i),
  });

  // Focus can be asked for a box that is not rendered yet; it is given when the box mounts.
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const pendingFocus = useRef<string | null>(null);
  const refCallbacks = useRef(new Map<string, (el: HTMLInputElement | null) => void>());
  const inputRefFor = useCallback((key: string) => {
    let callback = refCallbacks.current.get(key);
    if (!callback) {
      callback = (el) => {
        if (!el) return void inputs.current.delete(key);
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

  const focusBox = useCallback(
    (key: string) => {
      const row = layout?.rowOfBox.get(key);
      if (row === undefined) return;
      const element = inputs.current.get(key);
      if (element) {
        element.focus();
        return;
      }
      pendingFocus.current = key;
      virtualizer.scrollToIndex(row, { align: 'center' });
    },
    [layout, virtualizer],
  );

  // First focus: the first unit needed now, else the first empty box, else the first box.
  useEffect(() => {
    if (!layout) return;
    const first =
      layout.boxes.find((b) => neededKeys.has(b.key)) ?? layout.boxes.find((b) => !layout.initial.get(b.key)) ?? layout.boxes[0];
    if (first) focusBox(first.key);
    else cancelRef.current?.focus();
  }, [layout]); // only once the sheet has loaded

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
    const next = boxes[(boxIndex.get(box.key) ?? -1) + 1];
    if (next) {
      focusBox(next.key);
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
    if (keysAtMove !== null && keyCount.current === keysAtMove) focusBox(box.key);
  }

  function chooseCandidate(box: BoxRef, candidate: Candidate, advance: boolean) {
    setChoice(box.key, { identifierId: candidate.identifierId, value: candidate.value, inUseBy: candidate.inUseBy });
    if (advance) advanceFrom(box);
  }

  function commitText(box: BoxRef, text: string, how: CommitHow) {
    const value = trimScannerInput(text);
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
    const repeat = repeatInSheet(box, value, boxes, choicesRef.current, pending);
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
      const chosen = { identifierId: resolution.candidate.identifierId, value: resolution.candidate.value, inUseBy: resolution.candidate.inUseBy };
      const conflict = conflictFor(box, chosen, boxes, choicesRef.current);
      if (conflict && how.scanned) return refuse(box, `${conflict} The scan was refused; scan another.`, keysAtMove);
      setChoice(box.key, chosen);
    });
    resolutions.current.add(work);
    void work.finally(() => resolutions.current.delete(work));
  }

  async function save() {
    if (!layout || saving) return;
    setSaving(true);
    await Promise.all([...resolutions.current]);
    const current = choicesRef.current;
    const problems = findWarnings(layout.boxes, current);
    if (problems.size > 0) {
      setSaving(false);
      showProblems(`${problems.size} box${problems.size === 1 ? '' : 'es'} need fixing before saving: a single-use identifier can go to one unit only. Nothing was saved.`, [...problems.keys()]);
      return;
    }
    const changes = changedAllocations(layout.boxes, layout.initial, current);
    const orderNumbers = [...new Set(layout.rows.flatMap((r) => (r.kind === 'order' ? [r.orderNumber] : [])))];
    if (changes.length === 0) {
      setSaving(false);
      onSaved(orderNumbers, 0);
      return;
    }
    const result = await api.saveAllocations({ allocations: changes });
    setSaving(false);
    if (result.ok) {
      onSaved(orderNumbers, changes.length);
      return;
    }
    const issues = new Map<string, string>();
    for (const issue of result.error.issues) {
      if (issue.lineId !== undefined && issue.unit !== undefined) issues.set(boxKey(issue.lineId, issue.unit), issue.message);
    }
    setServerIssues(issues);
    showProblems(result.error.message, [...issues.keys()]);
  }

  function showProblems(message: string, keys: string[]) {
    setAlert(message);
    const firstKey = layout?.boxes.find((b) => keys.includes(b.key))?.key;
    if (firstKey) focusBox(firstKey);
    else alertRef.current?.focus();
  }

  const orderCount = rows.filter((r) => r.kind === 'order').length;
  const problemCount = warnings.size;

  return (
    <Dialog
      title="Allocate Dispatch Identifiers"
      heading={false}
      labelledBy={titleId}
      className="allocation-dialog"
      onKeyDownCapture={() => void keyCount.current++}
      onCancel={onCancel}
    >
      <header className="dialog-header">
        <h2 id={titleId}>Allocate Dispatch Identifiers</h2>
        {layout && (
          <p className="dialog-summary">
            {orderCount} order{orderCount === 1 ? '' : 's'}, {boxes.length} identifier box{boxes.length === 1 ? '' : 'es'}.
            {layout.ordersWithoutBoxes > 0 &&
              ` ${layout.ordersWithoutBoxes} of the orders need${layout.ordersWithoutBoxes === 1 ? 's' : ''} no dispatch identifiers, so show no box.`}
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
      {!layout && !loadError && <p className="loading">Loading the orders…</p>}
      {layout && boxes.length === 0 && <p className="dialog-empty">None of these orders has a product with dispatch identifiers: there is nothing to allocate.</p>}
      <div ref={listRef} className="allocation-list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={`allocation-row row-${row.kind}`}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
              >
                {row.kind === 'order' && (
                  <h3 className="sheet-order">
                    Order {row.orderNumber} <span className="muted">— {row.customer}</span>
                    {!row.tracked && <span className="sheet-note">: no dispatch identifiers needed</span>}
                  </h3>
                )}
                {row.kind === 'line' && (
                  <p className="sheet-line">
                    <strong>{row.sku}</strong> {row.title} · {row.units} unit{row.units === 1 ? '' : 's'} · {IDENTIFIER_MODE_LABELS[row.mode]}
                  </p>
                )}
                {row.kind === 'box' && (
                  <div className="sheet-box">
                    <span className="unit-label" aria-hidden="true">
                      Unit {row.box.unit}
                      {neededKeys.has(row.box.key) && <span className="needed-tag"> (needed now)</span>}
                    </span>
                    <IdentifierPicker
                      id={`pick-${row.box.lineId}-${row.box.unit}`}
                      label={`${row.box.orderNumber} ${row.box.sku} unit ${row.box.unit}${neededKeys.has(row.box.key) ? ', needed now' : ''}`}
                      chosen={choices.get(row.box.key) ?? null}
                      pendingText={pending.get(row.box.key) ?? null}
                      message={notices.get(row.box.key) ?? serverIssues.get(row.box.key) ?? warnings.get(row.box.key) ?? null}
                      search={searchFor(row.box.productId)}
                      onChoose={(candidate, advance) => chooseCandidate(row.box, candidate, advance)}
                      onCommitText={(text, how) => commitText(row.box, text, how)}
                      onAdvance={() => advanceFrom(row.box)}
                      inputRef={inputRefFor(row.box.key)}
                    />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <footer className="dialog-footer">
        <button ref={saveRef} type="button" className="primary" onClick={() => void save()} disabled={!layout} aria-busy={saving || undefined}>
          Save Changes
        </button>
        <button ref={cancelRef} type="button" onClick={onCancel}>
          Cancel
        </button>
      </footer>
    </Dialog>
  );
}

function rowKey(row: SheetRow, index: number): string {
  switch (row.kind) {
    case 'order':
      return `o${row.orderId}`;
    case 'line':
      return `l${row.lineId}`;
    case 'box':
      return `b${row.box.key}`;
    default:
      return String(index);
  }
}
