/**
 * The CLI's import: files on disk imported by the core as a job (as Electron's Import… menu does),
 * followed on the change stream until it ends. Ctrl-C (SIGINT) cancels it: this thread is free while
 * the core saves, and the cancel reaches the core's busy thread through its cancel lane.
 */
import type { ImportProgress, ImportSummary } from '../../shared/contract/api.js';
import type { Result } from '../../shared/contract/result.js';
import type { BenchCoreService } from './service/core-service.js';

export const CORE_STOPPED_DURING_IMPORT = 'The bench core stopped during the import; nothing was imported. Run the import again.';

/**
 * A Ctrl-C reaches the process more than once (the terminal signals npm, tsx and node, and npm and
 * tsx pass it on): copies this close to the first are the same press. A press after that stops the
 * process at once, should the cancel not be heard.
 */
const SAME_PRESS_MS = 1_000;
/** 128 + SIGINT, as shells report a process that Ctrl-C stopped. */
export const CTRL_C_EXIT = 130;

export interface FollowedImport {
  result: Result<ImportSummary>;
  /** Ctrl-C was pressed; with an ok result, too late: the rows had been saved. */
  interrupted: boolean;
}

/** `onProgress` hears each move while the import runs, then null once it has ended. */
export async function followImport(
  service: BenchCoreService,
  paths: string[],
  onProgress: (progress: ImportProgress | null) => void = () => {},
): Promise<FollowedImport> {
  let importId: string | null = null;
  /** Moves that arrived before the start call answered with the import's id. */
  const early: ImportProgress[] = [];
  let settle!: (result: Result<ImportSummary>) => void;
  const ended = new Promise<Result<ImportSummary>>((resolve) => (settle = resolve));
  const take = (progress: ImportProgress) => {
    if (progress.importId !== importId) return;
    if (progress.state === 'reading' || progress.state === 'applying') return onProgress(progress);
    onProgress(null);
    settle(progress.state === 'done' && progress.summary ? { ok: true, value: progress.summary } : { ok: false, error: progress.error ?? unknownEnd(progress.state) });
  };
  const unsubscribe = service.subscribe((event) => {
    if (event.kind === 'import') {
      if (importId === null) early.push(event.progress);
      else take(event.progress);
    } else if (event.kind === 'core' && event.state !== 'running') {
      onProgress(null);
      settle({ ok: false, error: { code: 'internal', message: CORE_STOPPED_DURING_IMPORT, issues: [] } });
    }
  });
  let interrupted = false;
  let firstInterruptAt = 0;
  const cancel = () => {
    if (importId !== null) void service.api.cancelCsvImport({ importId });
  };
  const onInterrupt = () => {
    const now = Date.now();
    if (!interrupted) {
      interrupted = true;
      firstInterruptAt = now;
      cancel();
    } else if (now - firstInterruptAt >= SAME_PRESS_MS) {
      onProgress(null);
      console.error('Stopped at once; SQLite keeps nothing half-imported.');
      process.exit(CTRL_C_EXIT);
    }
  };
  process.on('SIGINT', onInterrupt);
  try {
    const started = await service.startFileImport(paths);
    if (!started.ok) return { result: started, interrupted };
    importId = started.value.importId;
    for (const progress of [started.value, ...early]) take(progress);
    if (interrupted) cancel();
    return { result: await ended, interrupted };
  } finally {
    process.off('SIGINT', onInterrupt);
    unsubscribe();
  }
}

function unknownEnd(state: string) {
  return { code: 'internal' as const, message: `The import ended (${state}) without saying why; nothing was imported.`, issues: [] };
}
