/**
 * One allocation box: an ARIA 1.2 combobox (editable input + listbox popup) over a product's
 * identifiers. Options come from the core a page at a time; the parent decides what a choice or a
 * typed/scanned value means, so this component only reports intent.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Candidate } from '../../../../shared/contract/api.js';
import { insertGs, isGsKey, GS } from '../../../scanner/gs-key.js';
import { createScanDetector, DEFAULT_SCAN_TIMING } from '../../../scanner/scan-detector.js';
import { useScanOptions } from '../../../scanner/scanner-settings.js';
import type { BoxDraft } from './allocation-box-store.js';
import type { Chosen } from './allocation-model.js';
import { useCandidateSearch, type SearchCandidates } from './use-candidate-search.js';
import { useScanRun } from './use-scan-run.js';
import { counted, formatCount } from '../../../components/format-count.js';
import { useSettledText } from '../../../components/use-settled-text.js';

/** Options rendered at first: the popup shows about six, so a few more than a screenful. */
const RENDER_WINDOW = 12;

export interface CommitHow {
  /** The text arrived as a scan (fast keys then Enter/Tab), not typed by a person. */
  scanned: boolean;
  /** Enter/Tab ask to move on to the next box; leaving the box by other means does not. */
  advance: boolean;
  /**
   * The move on is a Tab pressed by hand (not a scanner's terminator): to the very next box, as Tab
   * goes (APG), even where a scan would go on to the next unit needed now.
   */
  byHandTab?: boolean;
}

export interface IdentifierPickerProps {
  id: string;
  /** Accessible name, e.g. "SO-1001 PHN-X1 unit 1". */
  label: string;
  chosen: Chosen | null;
  /** Text being checked against the core (shown until the answer comes). */
  pendingText: string | null;
  /** A refusal or warning for this box: marks the box; the row shows the words in its line `${id}-message`. */
  message: string | null;
  /** A note about the value (not a problem): described by the same line, the box not marked. */
  note?: string | null | undefined;
  search: SearchCandidates;
  /** `byHandTab`: as CommitHow's. */
  onChoose: (candidate: Candidate, advance: boolean, byHandTab?: boolean) => void;
  onCommitText: (text: string, how: CommitHow) => void;
  /** Enter on a box left as it was (nothing typed): go to the next one. */
  onAdvance: (byHandTab?: boolean) => void;
  inputRef?: (element: HTMLInputElement | null) => void;
  /** How an option reads (e.g. a use-by date in the bench's locale); the value itself by default. */
  optionText?: ((candidate: Candidate) => string) | undefined;
  /** Single use: the other box of this dialog that holds a value ("order SO-1, PHN-1 unit 2"), or null; marked in the list. */
  heldHere?: ((value: string) => string | null) | undefined;
  /** The box takes nothing (its order was dispatched elsewhere): no typing, no list. */
  readOnly?: boolean;
  /** Read-only: Enter, or a scan's end, was meant to put a value in; the parent says why it cannot. */
  onReadOnlyEntry?: () => void;
  /** Listens for changes elsewhere that may make the options shown stale (a value taken by another order). */
  subscribeStaleOptions?: ((listener: () => void) => () => void) | undefined;
  /** Keys typed ahead of the box (while the dialog opened) that paused before Enter/Tab: taken as typing here. */
  draft?: BoxDraft | null;
  /** The draft is the box's own text now. */
  onDraftTaken?: () => void;
}

export function IdentifierPicker(props: IdentifierPickerProps) {
  const { id, label, chosen, pendingText, message, note = null, search, onChoose, onCommitText, onAdvance, inputRef, optionText, heldHere, readOnly = false, onReadOnlyEntry, subscribeStaleOptions, draft = null, onDraftTaken } = props;
  const [text, setText] = useState<string | null>(null); // null: not editing, show the chosen value
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const { state, request, reset, refresh } = useCandidateSearch(search);
  // An open list reads its options again when they may have changed elsewhere: a value another order
  // took meanwhile is marked at once, not only refused once chosen.
  useEffect(() => (open && subscribeStaleOptions ? subscribeStaleOptions(refresh) : undefined), [open, subscribeStaleOptions, refresh]);
  const scanOptions = useScanOptions();
  const detector = useMemo(() => createScanDetector(scanOptions), [scanOptions]);
  const listRef = useRef<HTMLUListElement>(null);
  const committing = useRef(false);
  const ownInput = useRef<HTMLInputElement | null>(null);
  const textRef = useRef(text);
  textRef.current = text;
  // A scan's keys leave the popup shut; a run that stops without Enter/Tab was typing: show its options.
  const scanRun = useScanRun(scanOptions.maxGapMs ?? DEFAULT_SCAN_TIMING.maxGapMs, () => {
    const element = ownInput.current;
    if (element && element.ownerDocument.activeElement === element && textRef.current !== null) openWith(textRef.current);
  });
  const setInput = useCallback(
    (element: HTMLInputElement | null) => {
      ownInput.current = element;
      inputRef?.(element);
    },
    [inputRef],
  );
  // What the box shows when not being typed in is selected while the box has focus: a value that
  // arrives (a first-expiring-first pre-selection), or the value a refused scan leaves in place, so the
  // next scan or keystroke replaces it rather than appending to it.
  const settled = text === null ? (pendingText ?? chosen?.value ?? '') : null;
  useEffect(() => {
    const element = ownInput.current;
    if (element && settled !== null && element.ownerDocument.activeElement === element) element.select();
    // Only a settled value selects: typing (text) must not re-select what the packer is typing.
  }, [settled]);

  // Only the options that can be seen are rendered (the popup shows about six); more as the
  // packer scrolls or arrows down.
  const [windowSize, setWindowSize] = useState(RENDER_WINDOW);
  const listboxId = `${id}-listbox`;
  const messageId = `${id}-message`;
  const shown = text ?? pendingText ?? chosen?.value ?? '';
  const options = state.items;
  const rendered = Math.min(options.length, Math.max(windowSize, active + RENDER_WINDOW / 2));
  // The list's status line; null while the answer is on its way.
  const status =
    state.error ??
    (state.query === null
      ? null
      : options.length === 0
        ? 'No identifiers match.'
        : state.more
          ? `First ${formatCount(options.length)} shown: type more to narrow the list.`
          : `${counted(options.length, 'identifier', 'identifiers')}.`);
  const announced = useSettledText(open ? status : '', { restartOn: text });

  useEffect(() => {
    if (active < 0 || !listRef.current) return;
    listRef.current.children[active]?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  function openWith(query: string) {
    setOpen(true);
    setActive(-1);
    setWindowSize(RENDER_WINDOW);
    request(query);
  }

  function close() {
    setOpen(false);
    setActive(-1);
    reset();
  }

  function finishEditing() {
    scanRun.stop();
    committing.current = true;
    setText(null);
    close();
    // Blur caused by the parent moving focus comes after this handler; ignore it once.
    queueMicrotask(() => (committing.current = false));
  }

  // Keys typed ahead of the box go on here, as if typed here: the caret after them; their options
  // shown, unless they are a scan held up on the way (its rest is judged with them, as one scan).
  useEffect(() => {
    if (draft === null) return;
    onDraftTaken?.();
    if (readOnly) return;
    setText(draft.text);
    const element = ownInput.current;
    // Already showing that text, the box keeps it selected from its focus, and the next key would replace it.
    if (element?.value === draft.text) element.setSelectionRange(draft.text.length, draft.text.length);
    if (draft.scanning) detector.carryOn(draft.text.length);
    else openWith(draft.text);
  }, [draft]); // eslint-disable-line react-hooks/exhaustive-deps -- only when keys are handed over

  // A box that turns read-only (its order went) drops what was being typed, and its list.
  useEffect(() => {
    if (readOnly) finishEditing();
  }, [readOnly]); // eslint-disable-line react-hooks/exhaustive-deps -- only when the box turns read-only

  function choose(candidate: Candidate, advance: boolean, byHandTab = false) {
    finishEditing();
    onChoose(candidate, advance, byHandTab);
  }
  // Option rows are memoised: a stable way to reach the latest `choose`.
  const pickRef = useRef((candidate: Candidate) => choose(candidate, false));
  pickRef.current = (candidate: Candidate) => choose(candidate, false);

  function commit(how: CommitHow) {
    const typed = text;
    finishEditing();
    // The value the box holds typed or scanned again is checked as any scan is: the packer confirms the
    // unit's identifier, and a refusal of another value in this box is over once it is taken.
    if (typed === null || (typed === '' && chosen === null)) {
      if (how.advance) onAdvance(how.byHandTab);
      return;
    }
    onCommitText(typed, how);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const gs = isGsKey(event);
    const scan = detector.key(gs ? GS : event.key, event.timeStamp);
    scanRun.key(scan);
    if (readOnly) {
      // A scanner keeps sending into the box it is in: its end is refused aloud, not swallowed.
      if (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey && scan.kind === 'scan')) {
        event.preventDefault();
        onReadOnlyEntry?.();
      }
      return;
    }
    if (gs) {
      event.preventDefault();
      insertGs(event.currentTarget);
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) openWith(text ?? '');
        // APG combobox: Alt+Down only opens the list; on an open one it keeps the highlighted option.
        else if (!event.altKey) setActive((i) => Math.min(i + 1, options.length - 1));
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (event.altKey) close();
        // APG combobox: Up with no option active goes to the last one, as Down goes to the first.
        else if (open) setActive((i) => (i < 0 ? options.length - 1 : Math.max(i - 1, 0)));
        return;
      case 'Home':
      case 'End':
      case 'ArrowLeft':
      case 'ArrowRight':
        // APG combobox: these act on the text, so the highlight goes (Enter then takes what is typed).
        setActive(-1);
        // Plain Home/End put the caret at the start/end (not every platform's text box does); with
        // Shift and the like, and Left/Right, the browser moves or extends it as usual.
        if ((event.key === 'Home' || event.key === 'End') && !(event.shiftKey || event.ctrlKey || event.metaKey || event.altKey)) {
          event.preventDefault();
          const at = event.key === 'Home' ? 0 : event.currentTarget.value.length;
          event.currentTarget.setSelectionRange(at, at);
        }
        return;
      case 'Escape':
        if (open || text !== null) {
          // Keep Escape from closing the whole dialog when it only closes the popup.
          event.preventDefault();
          event.stopPropagation();
          if (open) close();
          else setText(null);
        }
        return;
      case 'Enter':
      case 'Tab': {
        if (event.key === 'Tab' && event.shiftKey) return;
        const option = open && active >= 0 ? options[active] : undefined;
        if (event.key === 'Tab' && text === null && !option) return; // plain Tab: leave the box as usual
        event.preventDefault();
        const byHandTab = event.key === 'Tab' && scan.kind !== 'scan';
        if (option) choose(option, true, byHandTab);
        else commit({ scanned: scan.kind === 'scan', advance: true, byHandTab });
        return;
      }
      default:
    }
  }

  return (
    <div className="picker">
      <input
        ref={setInput}
        id={id}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listboxId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${id}-option-${active}` : undefined}
        aria-invalid={message ? true : undefined}
        aria-describedby={message || note ? messageId : undefined}
        autoComplete="off"
        spellCheck={false}
        className={message ? 'picker-input has-problem' : 'picker-input'}
        value={shown}
        readOnly={readOnly}
        placeholder={readOnly ? undefined : 'Scan or choose an identifier'}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => (open ? close() : !readOnly && openWith(text ?? ''))}
        onChange={(e) => {
          setText(e.target.value);
          if (!scanRun.active) openWith(e.target.value);
          else if (open) close();
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (committing.current) return;
          scanRun.stop();
          if (text !== null) commit({ scanned: false, advance: false });
          else close();
        }}
      />
      {pendingText !== null && <span className="picker-pending">Checking…</span>}
      <div className={open ? 'picker-popup' : 'picker-popup hidden'}>
        <ul
          ref={listRef}
          id={listboxId}
          role="listbox"
          aria-label={`Identifiers for ${label}`}
          onScroll={(e) => {
            const list = e.currentTarget;
            if (rendered < options.length && list.scrollTop + list.clientHeight >= list.scrollHeight - 80) setWindowSize(rendered + RENDER_WINDOW);
          }}
        >
          {open &&
            options.slice(0, rendered).map((option, index) => (
              <OptionRow
                key={option.identifierId}
                id={`${id}-option-${index}`}
                option={option}
                position={index + 1}
                setSize={options.length}
                active={index === active}
                text={optionText ? optionText(option) : option.value}
                heldBy={heldHere ? heldHere(option.value) : null}
                onPick={pickRef}
              />
            ))}
        </ul>
        {open && <p className="picker-hint">{status ?? 'Searching…'}</p>}
      </div>
      {/* Always there (a region added with its words is often not read); no role, so it is not one more "status" of the dialog. */}
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announced}
      </span>
    </div>
  );
}

interface OptionRowProps {
  id: string;
  option: Candidate;
  position: number;
  setSize: number;
  active: boolean;
  text: string;
  /** The other box of this dialog holding this single-use value, or null. */
  heldBy: string | null;
  onPick: { readonly current: (candidate: Candidate) => void };
}

/** One option; memoised so a keystroke that keeps the options re-renders none of them. */
const OptionRow = memo(function OptionRow({ id, option, position, setSize, active, text, heldBy, onPick }: OptionRowProps) {
  return (
    <li
      id={id}
      role="option"
      aria-setsize={setSize}
      aria-posinset={position}
      aria-selected={active}
      className={active ? 'active' : undefined}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => onPick.current(option)}
    >
      <span className="option-value">{text}</span>
      {option.inUseBy && <span className="option-note"> — in use by order {option.inUseBy.orderNumber}</span>}
      {heldBy && <span className="option-note"> — chosen for {heldBy}</span>}
    </li>
  );
});
