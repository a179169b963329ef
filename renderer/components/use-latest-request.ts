import { useCallback, useRef } from 'react';

/**
 * For screens that may have several answers in flight (a search, then another, or two scans):
 * `begin()` marks a new request and returns a check that stays true only while it is the newest,
 * so a late answer to an older request never replaces a newer one.
 */
export function useLatestRequest(): () => () => boolean {
  const latest = useRef(0);
  return useCallback(() => {
    const id = ++latest.current;
    return () => id === latest.current;
  }, []);
}
