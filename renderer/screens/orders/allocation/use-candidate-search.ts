/**
 * Type-ahead over a product's identifiers, searched in the core (never all 100,000 in the page).
 * Per keystroke as little as possible:
 *  - narrowing: the shown answer for "SN-01" already holds the first values that start with
 *    "SN-012" (answers are sorted, prefix matches first), so they are shown in the keystroke's own
 *    frame; when that answer was complete, it is the new answer and the core is not asked at all;
 *  - reading ahead: a partial answer for "SN-01" also brings the first values for "SN-010" …
 *    "SN-019" (the core's lookahead), kept until the popup closes, so the next key's options are
 *    shown in its own frame too, whichever digit it is; the core is asked for the rest meanwhile;
 *  - the newest query wins: answers to older ones are dropped unrendered; one search is in flight
 *    at a time and its answer sends the newest query;
 *  - keys arriving in a burst (a scanner) are coalesced into one trailing search;
 *  - a key whose options are shown at once asks the core only after the frame showing them: starting
 *    a request (fetch) costs the page's main thread several milliseconds, which would otherwise come
 *    before the options are painted. A key with nothing to show yet asks at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Candidate, CandidateBranch } from '../../../../shared/contract/api.js';
import type { Result } from '../../../../shared/contract/result.js';

export const CANDIDATE_LIMIT = 50;
/** A hidden page produces no frames: a search waiting for one goes out after this anyway. */
const HIDDEN_PAGE_DELAY_MS = 100;

/**
 * Resolves once the frame after this one has begun: the frame showing the key's options, and the
 * tasks right after it, are done by then, so the request's cost falls outside both.
 */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, HIDDEN_PAGE_DELAY_MS);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        setTimeout(resolve, 0);
      }),
    );
  });
}
const BURST_GAP_MS = 30;
const BURST_SETTLE_MS = 40;

/** Rows read ahead for each next character: the popup's first screenful and some to narrow further. */
export const CANDIDATE_LOOKAHEAD = 20;
/** Answers kept while the popup is open (a few per keystroke); past this the cache starts again. */
const KNOWN_ANSWERS_MAX = 2000;

/** `readAhead`: also bring the next characters' first values (people typing; a scanner's burst needs none). */
export type SearchCandidates = (query: string, readAhead?: boolean) => Promise<Result<{ items: Candidate[]; more: boolean; next?: CandidateBranch[] | undefined }>>;

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
export function narrowAnswer(shown: Pick<CandidateSearchState, 'query' | 'items' | 'more' | 'error'>, query: string): { items: Candidate[]; complete: boolean } | null {
  if (shown.query === null || shown.error !== null || !query.startsWith(shown.query) || query === shown.query) return null;
  // Only answers made of prefix matches narrow: a "contains" answer says nothing about prefixes.
  if (!shown.items.every((c) => c.value.startsWith(shown.query!))) return null;
  const items = shown.items.filter((c) => c.value.startsWith(query));
  return { items, complete: !shown.more && items.length > 0 };
}

interface KnownAnswer {
  items: Candidate[];
  more: boolean;
}

/**
 * The best that can be shown for `query` at once: an answer or read-ahead branch known for it, or
 * the shown answer narrowed; complete when it is the whole answer (no need to ask the core).
 */
export function answerAtOnce(shown: CandidateSearchState, known: ReadonlyMap<string, KnownAnswer>, query: string): { items: Candidate[]; complete: boolean } | null {
  const narrowed = narrowAnswer(shown, query);
  const hit = known.get(query);
  const fromKnown = hit ? { items: hit.items, complete: !hit.more } : null;
  if (narrowed?.complete || !fromKnown) return narrowed;
  if (fromKnown.complete || !narrowed || fromKnown.items.length >= narrowed.items.length) return fromKnown;
  return narrowed;
}

/**
 * What stays shown while the answer for `query` is on its way, when nothing can be shown for it at
 * once: only the shown items that contain it (as the core matches), so an option for older text can
 * be neither highlighted nor picked meanwhile. Items cut: they answer no query ("Searching…", and no
 * narrowing from a part of an answer); none cut: they stay as they are.
 */
export function meanwhile(shown: CandidateSearchState, query: string): CandidateSearchState {
  const items = shown.items.filter((c) => c.value.includes(query));
  return items.length === shown.items.length ? { ...shown, searching: true } : { ...shown, query: null, items, more: false, searching: true };
}

function sameCandidate(c: Candidate, d: Candidate): boolean {
  return c.identifierId === d.identifierId && c.value === d.value && c.status === d.status && c.inUseBy?.orderId === d.inUseBy?.orderId && c.inUseBy?.unit === d.inUseBy?.unit;
}

/** `next`, keeping the objects of `shown` that are the same candidate at the same place (memoised rows skip them). */
function reuseShown(shown: readonly Candidate[], next: Candidate[]): Candidate[] {
  let reused = false;
  const items = next.map((c, i) => {
    const d = shown[i];
    if (d && d !== c && sameCandidate(c, d)) {
      reused = true;
      return d;
    }
    return c;
  });
  return reused ? items : next;
}

function sameCandidates(a: readonly Candidate[], b: readonly Candidate[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((c, i) => c === b[i] || sameCandidate(c, b[i]!));
}

export function useCandidateSearch(search: SearchCandidates): { state: CandidateSearchState; request: (query: string) => void; reset: () => void; refresh: () => void } {
  const [state, setState] = useState<CandidateSearchState>(EMPTY);
  // What is shown, as far as the next keystroke is concerned (some updates need no render: see show).
  const stateRef = useRef(state);
  const latest = useRef(0); // number of the newest request
  const wanted = useRef<{ query: string; number: number } | null>(null); // the newest request still to answer
  const inFlight = useRef(false); // at most one search at a time: its answer sends the newest
  const lastRequestAt = useRef(Number.NEGATIVE_INFINITY);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);
  const known = useRef(new Map<string, KnownAnswer>()); // answers and read-ahead while the popup is open
  const popupSession = useRef(0); // counts resets: answers asked before one are not kept
  const searchRef = useRef(search);
  searchRef.current = search;

  /**
   * Shows `next`. A state that would look the same is not rendered again: the same options, "more"
   * and error, whatever query or `searching` they now answer (typing "PI" after "P" often is).
   */
  const show = useCallback((next: CandidateSearchState) => {
    const shown = stateRef.current;
    const items = sameCandidates(shown.items, next.items) ? shown.items : reuseShown(shown.items, next.items);
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

  const remember = useCallback((query: string, answer: { items: Candidate[]; more: boolean; next?: CandidateBranch[] | undefined }) => {
    const map = known.current;
    if (map.size > KNOWN_ANSWERS_MAX) map.clear();
    map.set(query, { items: answer.items, more: answer.more });
    for (const branch of answer.next ?? []) map.set(branch.query, { items: branch.items, more: branch.more });
  }, []);

  const run = useCallback(async (query: string, number: number, readAhead = true, whenPainted = false) => {
    inFlight.current = true;
    const session = popupSession.current;
    if (whenPainted) await afterNextFrame();
    // Keys typed meanwhile asked for a newer query: that one goes out instead (this one's answer would be dropped).
    const newest = wanted.current;
    if (whenPainted && newest !== null && newest.number !== number) {
      query = newest.query;
      number = newest.number;
    }
    const result = await searchRef.current(query, readAhead);
    inFlight.current = false;
    if (!alive.current) return;
    // Even an answer overtaken by newer keys reads ahead for them (unless the popup closed since).
    if (result.ok && session === popupSession.current) remember(query, result.value);
    // A newer request (or a reset) makes this answer stale: it is dropped, never rendered, and the
    // newest query goes out now (unless a burst is still settling). What this answer read ahead may
    // already show the newest query (the first key typed while the empty box's answer was on its
    // way): shown now, and the core asked for the rest after that frame.
    if (number !== latest.current) {
      const newest = wanted.current;
      if (newest === null || timer.current) return;
      const atOnce = answerAtOnce(stateRef.current, known.current, newest.query);
      if (atOnce?.complete) {
        wanted.current = null;
        show({ ...stateRef.current, query: newest.query, items: atOnce.items, more: false, searching: false });
        return;
      }
      const shownNow = atOnce !== null && atOnce.items.length > 0;
      if (shownNow) show({ ...stateRef.current, query: newest.query, items: atOnce.items, more: true, searching: true });
      void run(newest.query, newest.number, true, shownNow);
      return;
    }
    const next: CandidateSearchState = result.ok
      ? { query, items: result.value.items, more: result.value.more, error: null, searching: false }
      : { query, items: [], more: false, error: result.error.message, searching: false };
    show(next);
  }, [show, remember]);

  const request = useCallback(
    (query: string) => {
      const number = ++latest.current;
      const now = performance.now();
      const bursting = now - lastRequestAt.current < BURST_GAP_MS;
      lastRequestAt.current = now;
      clearTimer();
      const narrowed = answerAtOnce(stateRef.current, known.current, query);
      if (narrowed?.complete) {
        wanted.current = null;
        show({ ...stateRef.current, query, items: narrowed.items, more: false, searching: false });
        return;
      }
      const shownAtOnce = narrowed !== null && narrowed.items.length > 0;
      show(shownAtOnce ? { ...stateRef.current, query, items: narrowed.items, more: true, searching: true } : meanwhile(stateRef.current, query));
      wanted.current = { query, number };
      if (bursting) {
        timer.current = setTimeout(() => {
          timer.current = null;
          if (!inFlight.current) void run(query, number, false);
        }, BURST_SETTLE_MS);
      } else if (!inFlight.current) {
        void run(query, number, true, shownAtOnce);
      }
    },
    [run, show],
  );

  const reset = useCallback(() => {
    latest.current++;
    wanted.current = null;
    clearTimer();
    known.current.clear();
    popupSession.current++;
    stateRef.current = EMPTY;
    setState(EMPTY);
  }, []);

  /**
   * The shown options may be out of date (another order took or freed one): the core is asked again
   * for the query shown or on its way; answers and read-ahead kept so far are dropped, not shown.
   */
  const refresh = useCallback(() => {
    const query = wanted.current?.query ?? stateRef.current.query;
    if (query === null) return;
    known.current.clear();
    popupSession.current++;
    // The same query again: nothing narrows to it, so the options stay shown until the new answer.
    request(query);
  }, [request]);

  return { state, request, reset, refresh };
}
