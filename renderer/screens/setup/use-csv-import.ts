/**
 * A CSV import with progress and cancel, over whichever transport the page has: starts the import,
 * then follows its progress events on the change stream (through the query cache, no asking on a
 * timer), and cancels it on request. An import started elsewhere (the Electron menu's Import…) shows
 * the same way: the panel follows whatever import runs on this bench.
 */
import { QueryObserver, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BenchApi, ImportProgress, ImportSummary } from '../../../shared/contract/api.js';
import { importEndResult } from '../../../shared/contract/import-schemas.js';
import type { Result } from '../../../shared/contract/result.js';
import { benchKeys, unwrap, type BenchCallError } from '../../api/queries.js';
import { useCancelPress } from '../../components/use-cancel-press.js';

const RUNNING: ReadonlyArray<ImportProgress['state']> = ['reading', 'applying'];

export function isRunning(progress: ImportProgress | null | undefined): progress is ImportProgress {
  return !!progress && RUNNING.includes(progress.state);
}


interface StartedImportEnd {
  result: Result<ImportSummary>;
  /** Cancel was pressed, but the core had saved the rows before it heard it: the import went through. */
  cancelCameTooLate: boolean;
}

/**
 * `onFollowedEnd`: an import this panel showed but did not start (started elsewhere, or before the
 * screen was left and opened again) has ended: how, to be said, as the panel's own imports are.
 * `onFollowedStart`: such an import is first seen running (the panel's last result is not its).
 */
export function useCsvImport(api: BenchApi, onFollowedEnd: (result: Result<ImportSummary>) => void, onFollowedStart?: () => void) {
  const client = useQueryClient();
  const [own, setOwn] = useState<ImportProgress | null>(null);
  const stopFollowing = useRef<(() => void) | null>(null);
  const { press: pressCancel, wasPressedFor: cancelWasPressedFor, cancellingId } = useCancelPress();
  /** Cancel pressed before the core answered `start`'s `begin`: sent once the import has its id. */
  const cancelAtStart = useRef(false);
  /** This panel's `begin` has not answered yet (its import has no id here). */
  const startPending = useRef(false);
  const [cancellingAtStart, setCancellingAtStart] = useState(false);
  useEffect(() => () => stopFollowing.current?.(), []);
  // The latest import the change stream told of, wherever it was started (cache only: never fetched).
  const latest = useQuery<ImportProgress | null>({ queryKey: benchKeys.latestImport(), queryFn: () => client.getQueryData<ImportProgress>(benchKeys.latestImport()) ?? null, enabled: false });
  /** The imports this panel started (their ends are said by `start`'s caller), and the other one it is showing. */
  const ownIds = useRef(new Set<string>());
  const followedId = useRef<string | null>(null);
  const onFollowedEndRef = useRef(onFollowedEnd);
  const onFollowedStartRef = useRef(onFollowedStart);
  useEffect(() => {
    onFollowedEndRef.current = onFollowedEnd;
    onFollowedStartRef.current = onFollowedStart;
  });
  // Without this its bar would just go when it ended, saying nothing, a refusal's file and line included.
  const latestProgress = latest.data;
  useEffect(() => {
    // While this panel's own start awaits its answer, an import the change stream tells of is that one
    // (the core runs one at a time): followed, its end would be said twice, once here and once by start.
    if (!latestProgress || startPending.current || ownIds.current.has(latestProgress.importId)) return;
    const { importId } = latestProgress;
    if (isRunning(latestProgress)) {
      if (followedId.current === importId) return;
      followedId.current = importId;
      onFollowedStartRef.current?.();
    } else if (followedId.current === importId) {
      followedId.current = null;
      onFollowedEndRef.current(importEndResult(latestProgress));
    }
  }, [latestProgress]);

  const start = useCallback(
    /** `begin` starts the import in the core (startUploadedCsvImport, or startCsvImport with the text). */
    async (begin: () => Promise<Result<ImportProgress>>): Promise<StartedImportEnd> => {
      cancelAtStart.current = false;
      startPending.current = true;
      let started: Result<ImportProgress>;
      try {
        started = await begin();
      } finally {
        startPending.current = false;
      }
      setCancellingAtStart(false);
      if (!started.ok) return { result: started, cancelCameTooLate: false };
      const { importId } = started.value;
      ownIds.current.add(importId);
      // Cancel was pressed while the core was starting it (the files sent, no id yet): told now.
      if (cancelAtStart.current) {
        pressCancel(importId);
        void api.cancelCsvImport({ importId });
      }
      const key = benchKeys.importProgress(importId);
      // The change stream may have told of it before this answer came: keep the later word.
      if (!client.getQueryData(key)) client.setQueryData(key, started.value);
      const ended = await new Promise<Result<ImportProgress>>((resolve) => {
        // Read by asking only when the cache is told to (the stream reconnected, the core restarted).
        const observer = new QueryObserver<ImportProgress, BenchCallError>(client, {
          queryKey: key,
          queryFn: () => unwrap(api.getCsvImport({ importId })),
        });
        let unsubscribe = () => {};
        const finish = (result: Result<ImportProgress>) => {
          unsubscribe();
          stopFollowing.current = null;
          resolve(result);
        };
        const look = (progress: ImportProgress | undefined, error: BenchCallError | null) => {
          if (error) return finish({ ok: false, error: { code: error.code, message: error.message, issues: error.issues } });
          if (!progress) return;
          setOwn(progress);
          if (!isRunning(progress)) finish({ ok: true, value: progress });
        };
        unsubscribe = observer.subscribe((result) => look(result.data, result.error));
        // Unmounted: stop following (the import goes on in the core; the panel is gone).
        stopFollowing.current = () => finish({ ok: true, value: client.getQueryData<ImportProgress>(key) ?? started.value });
        const now = observer.getCurrentResult();
        look(now.data, now.error);
      });
      setOwn(null);
      const cancelWasPressed = cancelWasPressedFor(importId);
      if (!ended.ok) return { result: ended, cancelCameTooLate: false };
      const result = importEndResult(ended.value);
      return { result, cancelCameTooLate: result.ok && cancelWasPressed };
    },
    [api, client, cancelWasPressedFor, pressCancel],
  );

  /** What the progress bar shows: this panel's import, or one started elsewhere that is running. */
  const progress = own ?? (isRunning(latest.data) ? latest.data : null);

  const cancelling = progress !== null && progress.importId === cancellingId;
  const cancel = useCallback(() => {
    if (!progress || cancelling) return;
    pressCancel(progress.importId);
    void api.cancelCsvImport({ importId: progress.importId });
  }, [api, progress, cancelling, pressCancel]);

  /** Cancel pressed while the import is being started (no progress yet): it is cancelled as soon as it has its id. */
  const cancelStarting = useCallback(() => {
    cancelAtStart.current = true;
    setCancellingAtStart(true);
  }, []);

  return { progress, start, cancel, cancelling, cancelStarting, cancellingAtStart };
}
