/**
 * The CLI's import: files on disk imported by the core as a job (as Electron's Import… menu does),
 * followed on the change stream until it ends (service/import-ends.ts). Ctrl-C cancels it: this thread
 * is free while the core saves, and the cancel reaches the core's busy thread through its cancel lane.
 */
import type { ImportProgress, ImportSummary } from '../../shared/contract/api.js';
import { importEndResult } from '../../shared/contract/import-schemas.js';
import type { Result } from '../../shared/contract/result.js';
import type { BenchCoreService } from './service/core-service.js';
import { followImportEnds } from './service/import-ends.js';

/** 128 + SIGINT, as shells report a process that Ctrl-C stopped. */
export const CTRL_C_EXIT = 130;
/**
 * A Ctrl-C reaches the process more than once (the terminal signals npm and node, and npm passes it
 * on): copies this close to the first are the same press.
 */
const SAME_PRESS_MS = 250;

export const CANCELLING = 'Cancelling… (Ctrl-C again stops at once)';
export const STOPPED_AT_ONCE = 'Stopped at once: an import is saved whole or not at all. Importing the files again leaves rows already imported as they are.';

export interface CtrlC {
  /** Hears the first press; answers a function that stops listening. */
  onPress(listener: () => void): () => void;
  dispose(): void;
}

/**
 * Ctrl-C (SIGINT) for the CLI's whole run, its close included: the first press goes to whoever
 * listens (an import cancels); a press with nobody listening, or one after the first, stops the
 * process at once; copies of one press are heard once.
 */
export function watchCtrlC(): CtrlC {
  const listeners = new Set<() => void>();
  let firstAt = 0;
  const onSignal = () => {
    const now = Date.now();
    if (firstAt !== 0 && now - firstAt < SAME_PRESS_MS) return;
    if (firstAt === 0 && listeners.size > 0) {
      firstAt = now;
      process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}${CANCELLING}\n`);
      for (const listener of [...listeners]) listener();
      return;
    }
    process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}${STOPPED_AT_ONCE}\n`);
    process.exit(CTRL_C_EXIT);
  };
  process.on('SIGINT', onSignal);
  return {
    onPress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => process.off('SIGINT', onSignal),
  };
}

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
  ctrlC?: Pick<CtrlC, 'onPress'>,
): Promise<FollowedImport> {
  let importId: string | null = null;
  let interrupted = false;
  const ends = followImportEnds(service, (progress) => {
    if (progress.importId === importId) onProgress(progress);
  });
  const cancel = () => {
    if (importId !== null) void service.api.cancelCsvImport({ importId });
  };
  const stopListening = ctrlC?.onPress(() => {
    interrupted = true;
    cancel();
  });
  try {
    const started = await service.startFileImport(paths);
    if (!started.ok) return { result: started, interrupted };
    importId = started.value.importId;
    onProgress(started.value);
    if (interrupted) cancel();
    const last = await ends.end(importId);
    onProgress(null);
    return { result: importEndResult(last), interrupted };
  } finally {
    stopListening?.();
    ends.stop();
  }
}
