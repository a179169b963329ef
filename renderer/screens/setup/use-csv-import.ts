/**
 * A CSV import with progress and cancel, over whichever transport the page has: starts the import,
 * follows its progress (asking every PROGRESS_POLL_MS until it ends; a change stream can replace the
 * asking later, the progress event is the same), and cancels it on request.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BenchApi, ImportProgress, ImportSummary } from '../../../shared/contract/api.js';
import type { Result } from '../../../shared/contract/result.js';

const PROGRESS_POLL_MS = 200;
const RUNNING: ReadonlyArray<ImportProgress['state']> = ['reading', 'applying'];

export function isRunning(progress: ImportProgress | null): progress is ImportProgress {
  return progress !== null && RUNNING.includes(progress.state);
}

export function useCsvImport(api: BenchApi) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const importId = useRef<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const start = useCallback(
    async (files: Array<{ name: string; content: string }>): Promise<Result<ImportSummary>> => {
      const started = await api.startCsvImport({ files });
      if (!started.ok) return started;
      importId.current = started.value.importId;
      let current = started.value;
      setProgress(current);
      while (RUNNING.includes(current.state)) {
        await new Promise((resolve) => setTimeout(resolve, PROGRESS_POLL_MS));
        if (!mounted.current) break;
        const next = await api.getCsvImport({ importId: current.importId });
        if (!next.ok) return next;
        current = next.value;
        setProgress(current);
      }
      importId.current = null;
      setProgress(null);
      if (current.state === 'done' && current.summary) return { ok: true, value: current.summary };
      return { ok: false, error: current.error ?? { code: 'internal', message: 'The import ended without an answer; nothing was imported.', issues: [] } };
    },
    [api],
  );

  const cancel = useCallback(() => {
    if (importId.current) void api.cancelCsvImport({ importId: importId.current });
  }, [api]);

  return { progress, start, cancel };
}
