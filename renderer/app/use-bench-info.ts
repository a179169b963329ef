import { useCallback, useEffect, useState } from 'react';
import type { BenchApi, ResultOf } from '../../shared/contract/api.js';

export type BenchInfo = ResultOf<'getBenchInfo'>;

/** The bench's counts for the header, fetched again whenever something may have changed them. */
export function useBenchInfo(api: BenchApi): { info: BenchInfo | null; error: string | null; refresh: () => void } {
  const [info, setInfo] = useState<BenchInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void api.getBenchInfo({}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setInfo(result.value);
        setError(null);
      } else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, version]);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  return { info, error, refresh };
}
