/**
 * Type-ahead over a product's identifiers, searched in the core (never all 100,000 in the page).
 * A keystroke after a pause searches at once; keys arriving in a burst (a scanner) are coalesced
 * into one trailing search, and at most one request is in flight: its answer triggers the next.
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
  searching: boolean;
}

const EMPTY: CandidateSearchState = { query: null, items: [], more: false, error: null, searching: false };

export function useCandidateSearch(search: SearchCandidates): { state: CandidateSearchState; request: (query: string) => void; reset: () => void } {
  const [state, setState] = useState<CandidateSearchState>(EMPTY);
  const wanted = useRef<string | null>(null);
  const inFlight = useRef(false);
  const lastRequestAt = useRef(Number.NEGATIVE_INFINITY);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);
  const searchRef = useRef(search);
  searchRef.current = search;

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const run = useCallback(async (query: string) => {
    inFlight.current = true;
    const result = await searchRef.current(query);
    inFlight.current = false;
    if (!alive.current || wanted.current === null) return;
    const stillWanted = wanted.current === query;
    setState(
      result.ok
        ? { query, items: result.value.items, more: result.value.more, error: null, searching: !stillWanted }
        : { query, items: [], more: false, error: result.error.message, searching: !stillWanted },
    );
    if (!stillWanted && wanted.current !== null && !timer.current) void run(wanted.current);
  }, []);

  const request = useCallback(
    (query: string) => {
      wanted.current = query;
      const now = performance.now();
      const bursting = now - lastRequestAt.current < BURST_GAP_MS;
      lastRequestAt.current = now;
      setState((s) => (s.searching ? s : { ...s, searching: true }));
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (bursting) {
        timer.current = setTimeout(() => {
          timer.current = null;
          if (!inFlight.current && wanted.current !== null) void run(wanted.current);
        }, BURST_SETTLE_MS);
      } else if (!inFlight.current) {
        void run(query);
      }
    },
    [run],
  );

  const reset = useCallback(() => {
    wanted.current = null;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setState(EMPTY);
  }, []);

  return { state, request, reset };
}
