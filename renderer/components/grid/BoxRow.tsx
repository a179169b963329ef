import { memo, useCallback, useLayoutEffect, useRef, useSyncExternalStore, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { GridBox } from '../../../shared/contract/api.js';
import type { SerialBoxStore } from './serial-box-store.js';
import { counted } from '../format-count.js';

export const BOX_ROW_HEIGHT = 60;

export interface BoxRowCallbacks {
  onValue: (index: number, value: string) => void;
  onKeyDown: (index: number, event: KeyboardEvent<HTMLInputElement>) => void;
  onFocus: (index: number) => void;
  onPaste: (index: number, event: ClipboardEvent<HTMLInputElement>) => void;
  /** Lot products: the use-by date box beside the lot. */
  onDate: (index: number, value: string) => void;
  onDateKeyDown: (index: number, event: KeyboardEvent<HTMLInputElement>) => void;
  onDatePaste: (index: number, event: ClipboardEvent<HTMLInputElement>) => void;
}

interface BoxRowProps {
  index: number;
  top: number;
  inputId: string;
  /** Spoken before the box number: "Serial number" makes "Serial number 12". */
  labelPrefix: string;
  /** The row reads its box from the store and listens to it alone. */
  store: SerialBoxStore;
  tabStop: boolean;
  /** Lot products (issue 12): a use-by date box beside each lot; other kinds show none. */
  dated: boolean;
  callbacks: BoxRowCallbacks;
}

/** The element id of the use-by date box beside the lot box `inputId`. */
export function dateInputId(inputId: string): string {
  return `${inputId}-use-by`;
}

/** Why a box is read-only, in the packer's words. */
export function lockedStatusText(status: GridBox['status'], useCount: number): string {
  if (status === 'consumed') return 'Dispatched (read only)';
  if (status === 'allocated') return 'Allocated to an order (read only)';
  return `Used on ${counted(useCount, 'order unit', 'order units')} (read only)`;
}

/**
 * One serial number box; memoised and subscribed to its own box in the store, so a keystroke or a
 * scan re-renders only the box it changed (and the tab stop moving re-renders the two boxes concerned).
 */
export const BoxRow = memo(function BoxRow(props: BoxRowProps) {
  const { index, top, inputId, labelPrefix, store, tabStop, dated, callbacks } = props;
  const subscribe = useCallback((listener: () => void) => store.subscribeBox(index, listener), [store, index]);
  const { value, loaded, locked, status, useCount, problem, useBy } = useSyncExternalStore(subscribe, () => store.box(index));
  const inputRef = useRef<HTMLInputElement>(null);
  // A refused scan leaves the box holding what it held, selected, so the next scan replaces it.
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (problem && input && input.ownerDocument.activeElement === input) input.select();
  }, [problem]);
  const statusId = `${inputId}-status`;
  const problemId = `${inputId}-problem`;
  const describedBy = [locked ? statusId : null, problem ? problemId : null].filter(Boolean).join(' ') || undefined;
  const className = ['serial-box', dated ? 'is-dated' : '', locked ? 'is-locked' : '', problem ? 'is-invalid' : ''].filter(Boolean).join(' ');
  return (
    // Placed by `top`, not a transform: a transform per row is a property node and a paint chunk of
    // its own that every frame's layerize and commit walk.
    <div className={className} style={{ top, height: BOX_ROW_HEIGHT }}>
      <label htmlFor={inputId} className="serial-box-number">
        <span className="visually-hidden">{labelPrefix} </span>
        {index + 1}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        data-box={index}
        type="text"
        className="serial-box-input"
        value={value}
        placeholder={loaded ? undefined : 'Loading…'}
        readOnly={!loaded || locked}
        aria-busy={loaded ? undefined : true}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
        tabIndex={tabStop ? 0 : -1}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        onChange={(event) => callbacks.onValue(index, event.target.value)}
        onKeyDown={(event) => callbacks.onKeyDown(index, event)}
        onFocus={() => callbacks.onFocus(index)}
        onPaste={(event) => callbacks.onPaste(index, event)}
      />
      {dated && (
        <span className="serial-box-date">
          <label htmlFor={dateInputId(inputId)} className="serial-box-date-label">
            Use by<span className="visually-hidden"> date {index + 1}</span>
          </label>
          <input
            id={dateInputId(inputId)}
            type="text"
            className="serial-box-date-input"
            value={useBy}
            placeholder={loaded ? 'YYYY-MM-DD' : undefined}
            readOnly={!loaded || locked}
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy}
            tabIndex={tabStop ? 0 : -1}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => callbacks.onDate(index, event.target.value)}
            onKeyDown={(event) => callbacks.onDateKeyDown(index, event)}
            onPaste={(event) => callbacks.onDatePaste(index, event)}
            onFocus={() => callbacks.onFocus(index)}
          />
        </span>
      )}
      {locked && (
        <span id={statusId} className={`serial-box-status status-${status ?? 'used'}`}>
          {lockedStatusText(status, useCount)}
        </span>
      )}
      {problem && (
        <span id={problemId} className="serial-box-problem" title={problem}>
          <span aria-hidden="true">⚠ </span>
          {problem}
        </span>
      )}
    </div>
  );
});
