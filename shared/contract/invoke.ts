/**
 * The one place a call crosses a boundary: validate the arguments, run the handler, turn
 * refusals into typed Results. Used by the HTTP host and the Electron IPC layer alike.
 */
import { benchApiContract, isBenchMethod, type BenchHandlers, type BenchMethod } from './api.js';
import { BenchError, describeZodError, type Result } from './result.js';

export type Logger = (message: string, error: unknown) => void;

export function invokeBenchMethod(
  handlers: BenchHandlers,
  method: string,
  rawArgs: unknown,
  logUnexpected: Logger = () => {},
): Result<unknown> {
  if (!isBenchMethod(method)) {
    return { ok: false, error: { code: 'not_found', message: `Unknown call "${method}"`, issues: [] } };
  }
  const parsed = benchApiContract[method].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const { message, issues } = describeZodError(parsed.error);
    return { ok: false, error: { code: 'invalid_argument', message, issues } };
  }
  try {
    const handler = handlers[method] as (args: unknown) => unknown;
    return { ok: true, value: handler(parsed.data) };
  } catch (error) {
    if (error instanceof BenchError) return { ok: false, error: error.toData() };
    logUnexpected(`${method} failed`, error);
    return { ok: false, error: { code: 'internal', message: 'The bench hit an unexpected error; nothing was changed.', issues: [] } };
  }
}

export type { BenchMethod };
