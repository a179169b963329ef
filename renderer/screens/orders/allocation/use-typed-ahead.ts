/**
 * Keys typed while the allocation dialog reads its orders, before any picker is there: a scan made
 * right after "Add" would go to the one control the dialog has then (Cancel, its Enter pressing it)
 * and be lost (DESIGN §5: no keystroke may be lost). They are kept instead, and handed over once the
 * boxes are there: each value ended by Enter/Tab as a scan into a box (which moves on, as a scan
 * does). A value still being typed when the boxes come is gathered on until its Enter/Tab, so its
 * first characters and its last land in the same box; one that pauses longer than a scanner does is
 * handed to its box as typing there, not entered: the keys after the pause go on in the box. A pause
 * cannot tell a person stopping (or typing at a person's pace) from a scan held up on a busy PC, and
 * in both the value must stay whole. Escape, Space, and Enter or Tab with nothing typed act on the
 * focused control as usual.
 */
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { GS, isGsKey } from '../../../scanner/gs-key.js';
import { createScanDetector, DEFAULT_SCAN_TIMING, type ScanDetectorOptions } from '../../../scanner/scan-detector.js';
import type { CommitHow } from './IdentifierPicker.js';

export interface TypedAheadSink {
  /** A value ended by Enter/Tab: into its box as a scan (or an entry) there would put it, moving on. */
  enter: (text: string, how: CommitHow) => void;
  /** A value under way that paused: its box takes it as its own typing, to go on from (`scanning`: its keys came at scanner speed). */
  carryOn: (text: string, scanning: boolean) => void;
}

export interface TypedAhead {
  /** The dialog's key handler (capture phase): takes the keys while they are being kept. */
  onKeyDownCapture: (event: KeyboardEvent<HTMLElement>) => void;
  /** The boxes are there: what was kept goes to `sink`, one value at a time, and so does the rest of a value under way. */
  release: (sink: TypedAheadSink) => void;
}

interface Kept {
  text: string;
  scanned: boolean;
}

export function useTypedAhead(scanOptions: ScanDetectorOptions): TypedAhead {
  const detector = useMemo(() => createScanDetector(scanOptions), [scanOptions]);
  const pauseMs = scanOptions.maxGapMs ?? DEFAULT_SCAN_TIMING.maxGapMs;
  const sink = useRef<TypedAheadSink | null>(null);
  const kept = useRef<Kept[]>([]);
  const typing = useRef('');
  // The value under way came at scanner speed so far (its last key continued a fast run).
  const typingFast = useRef(false);
  const pause = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stopPause = useCallback(() => {
    if (pause.current !== null) clearTimeout(pause.current);
    pause.current = null;
  }, []);
  useEffect(() => stopPause, [stopPause]);

  /** Once the boxes are there, a value that pauses without Enter/Tab goes on in its box. */
  const awaitPause = useCallback(() => {
    stopPause();
    if (!sink.current || typing.current === '') return;
    pause.current = setTimeout(() => {
      pause.current = null;
      const text = typing.current;
      typing.current = '';
      detector.reset();
      if (text) sink.current?.carryOn(text, typingFast.current);
    }, pauseMs);
  }, [detector, pauseMs, stopPause]);

  const onKeyDownCapture = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      // Kept while the boxes are being read, and after that only to finish a value under way.
      if (sink.current && typing.current === '') return;
      const gs = isGsKey(event);
      if (!gs && (event.ctrlKey || event.metaKey || event.altKey || event.nativeEvent.isComposing)) return;
      const key = gs ? GS : event.key;
      const verdict = detector.key(key, event.timeStamp);
      const take = () => {
        event.preventDefault();
        event.stopPropagation();
      };
      // A Space before anything is typed is a person pressing the focused button (Cancel): no
      // identifier starts with a space (the core trims), so it is not the start of a value.
      if (verdict.kind === 'character' && key === ' ' && typing.current === '') return;
      if (verdict.kind === 'character') {
        take();
        typing.current += key;
        typingFast.current = verdict.burst;
        awaitPause();
        return;
      }
      if (event.key === 'Backspace' && typing.current !== '') {
        take();
        typing.current = typing.current.slice(0, -1);
        awaitPause();
        return;
      }
      // Enter/Tab with nothing typed (a person going to Cancel, or pressing it) and Escape act as usual.
      if ((verdict.kind === 'scan' || verdict.kind === 'terminator') && typing.current !== '' && !(event.key === 'Tab' && event.shiftKey)) {
        take();
        stopPause();
        const value = { text: typing.current, scanned: verdict.kind === 'scan' };
        typing.current = '';
        if (sink.current) sink.current.enter(value.text, { scanned: value.scanned, advance: true });
        else kept.current.push(value);
      }
    },
    [detector, awaitPause, stopPause],
  );

  const release = useCallback(
    (to: TypedAheadSink) => {
      sink.current = to;
      const values = kept.current;
      kept.current = [];
      for (const value of values) to.enter(value.text, { scanned: value.scanned, advance: true });
      awaitPause();
    },
    [awaitPause],
  );

  return useMemo(() => ({ onKeyDownCapture, release }), [onKeyDownCapture, release]);
}
