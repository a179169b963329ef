/**
 * Clean shutdown: named steps run once, newest first (so what was opened last is closed first:
 * stop IPC, then stop sync, then close the database), each awaited, a failing step logged and the
 * rest still run. Plain Node; main.ts wires it to Electron's before-quit/will-quit.
 */
export type ShutdownStep = () => void | Promise<void>;

/**
 * How long quitting may take before the app exits anyway (a wedged core must not leave a process
 * with no window holding the single-instance lock, so that launching again does nothing).
 */
export const SHUTDOWN_DEADLINE_MS = 5_000;

export interface Shutdown {
  /** Registers a step; returns a function removing it (e.g. when a sync session ends early). */
  add(name: string, step: ShutdownStep): () => void;
  /** Runs every step once; later calls return the same promise. */
  run(): Promise<void>;
  /** run(), answering 'late' once `deadlineMs` pass first (the steps still go on). */
  runWithin(deadlineMs: number): Promise<'done' | 'late'>;
  readonly started: boolean;
}

export function createShutdown(log: (message: string, error: unknown) => void = () => {}): Shutdown {
  const steps: Array<{ name: string; step: ShutdownStep }> = [];
  let running: Promise<void> | null = null;
  return {
    add(name, step) {
      const entry = { name, step };
      steps.push(entry);
      return () => {
        const at = steps.indexOf(entry);
        if (at >= 0) steps.splice(at, 1);
      };
    },
    run() {
      running ??= (async () => {
        for (const { name, step } of steps.splice(0).reverse()) {
          try {
            await step();
          } catch (error) {
            log(`shutdown step "${name}" failed`, error);
          }
        }
      })();
      return running;
    },
    runWithin(deadlineMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), deadlineMs);
      });
      return Promise.race([this.run().then(() => 'done' as const), late]).finally(() => clearTimeout(timer));
    },
    get started() {
      return running !== null;
    },
  };
}
