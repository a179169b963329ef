/**
 * Type-ahead over a product's identifiers, searched in the core (never all 100,000 in the page).
 * Per keystroke as little as possible:
 *  - narrowing: the shown answer for "SN-01" already holds the first values that start with
 *    "SN-012" (answers are sorted, prefix matches first), so they are shown in the keystroke's own
 *    frame; when that answer was complete, it is the new answer and the core is not asked at all;
 *  - the newest query wins: answers to older ones are dropped unrendered; one search is in flight
 *    at a time and its answer sends the newest query;
 *  - keys arriving in a burst (a scanner) are coalesced into one trailing search.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Candidate } from '../../../../shared/contract/api.js';
import type { Result } from '../../../../shared/contract/result.js';

export const CANDIDATE_LIMIT = 50;
const BURST_GAP_MS = 30;
const BURST_SETTLE_MS = 40;

export type SearchCandidates = (query: string) => Promise<Result<{ items: Candidate[]; more: boolean }>>;

export interface CandidateSearchState {
  /** The query the shown items answer; null before the first answer. */
  query: string | null;
  items: Candidate[];
  more: boolean;
  error: string | null;
  /** The items are a first part of the answer (narrowed locally) or a newer query is on its way. */
  searching: boolean;
}

const EMPTY: CandidateSearchState = { query: null, items: [], more: false, error: null, searching: false };

/**
 * What can be shown for `query` at once from the answer to an earlier query it extends: the items
 * that start with it (a first part of the true answer), and whether that is the whole answer.
 */
export function narrowAnswer(shown: CandidateSearchState, query: string): { items: Candidate[]; complete: boolean } | null {
  if (shown.query === null || shown.error !== null || !query.startsWith(shown.query) || query === shown.query) return null;
  // Only answers made of prefix matches narrow: a "contains" answer says nothing about prefixes.
  if (!shown.items.every((c) => c.value.startsWith(shown.query!))) return null;
  const items = shown.items.filter((c) => c.value.startsWith(query));
  return { items, complete: !shown.more && items.length > 0 };
}

function sameCandidates(a: readonly Candidate[], b: readonly Candidate[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((c, i) => {
    const d = b[i]!;
    return c.identifierId === d.identifierId && c.value === d.value && c.status === d.status && c.inUseBy?.orderId === d.inUseBy?.orderId && c.inUseBy?.unit === d.inUseBy?.unit;
  });
}

export function useCandidateSearch(search: SearchCandidates): { state: CandidateSearchState; request: (query: string) => void; reset: () => void } {
  const [state, setState] = useState<CandidateSearchState>(EMPTY);
  // What is shown, as far as the next keystroke is concerned (some updates need no render: see show).
  const stateRef = useRef(state);
  const latest = useRef(0); // number of the newest request
  const wanted = useRef<{ query: string; number: number } | null>(null); // the newest request still to answer
  const inFlight = useRef(false); // at most one search at a time: its answer sends the newest
  const lastRequestAt = useRef(Number.NEGATIVE_INFINITY);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);
  const searchRef = useRef(search);
  searchRef.current = search;

  /**
   * Shows `next`. A state that would look the same is not rendered again: the same options, "more"
   * and error, whatever query or `searching` they now answer (typing "PI" after "P" often is).
   */
  const show = useCallback((next: CandidateSearchState) => {
    const shown = stateRef.current;
    const items = sameCandidates(shown.items, next.items) ? shown.items : next.items;
    const settled = { ...next, items };
    stateRef.current = settled;
    if ((shown.query === null) === (settled.query === null) && shown.items === items && shown.more === settled.more && shown.error === settled.error) return;
    setState(settled);
  }, []);

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      clearTimer();
    };
  }, []);

  const run = useCallback(async (query: string, number: number) => {
    inFlight.current = true;
    const result = await searchRef.current(query);
    inFlight.current = false;
    if (!alive.current) return;
    // A newer request (or a reset) makes this answer stale: it is dropped, never rendered, and the
    // newest query goes out now (unless a burst is still settling).
    if (number !== latest.current) {
      const newest = wanted.current;
      if (newest !== null && !timer.current) void run(newest.query, newest.number);
      return;
    }
    const next: CandidateSearchState = result.ok
      ? { query, items: result.value.items, more: result.value.more, error: null, searching: false }
      : { query, items: [], more: false, error: result.error.message, searching: false };
    show(next);
  }, [show]);

  const request = useCallback(
    (query: string) => {
      const number = ++latest.current;
      const now = performance.now();
      const bursting = now - lastRequestAt.current < BURST_GAP_MS;
      lastRequestAt.current = now;
      clearTimer();
      const narrowed = narrowAnswer(stateRef.current, query);
      if (narrowed?.complete) {
        wanted.current = null;
        show({ ...stateRef.current, query, items: narrowed.items, more: false, searching: false });
        return;
      }
      show(narrowed && narrowed.items.length > 0 ? { ...stateRef.current, query, items: narrowed.items, searching: true } : { ...stateRef.current, searching: true });
      wanted.current = { query, number };
      if (bursting) {
        timer.current = setTimeout(() => {
          timer.current = null;
          if (!inFlight.current) void run(query, number);
        }, BURST_SETTLE_MS);
      } else if (!inFlight.current) {
        void run(query, number);
      }
    },
    [run, show],
  );

  const reset = useCallback(() => {
    latest.current++;
    wanted.current = null;
    clearTimer();
    stateRef.current = EMPTY;
    setState(EMPTY);
  }, []);

  return { state, request, reset };
}
