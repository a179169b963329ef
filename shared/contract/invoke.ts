/**
 * The one place a call crosses a boundary: validate the arguments, run the handler, turn
 * refusals into typed Results. Used by the HTTP host and the Electron IPC layer alike
 * (invokeBenchMethodAsync, which also serves the contract's async calls).
 */
import { benchApiContract, isAsyncBenchMethod, isBenchMethod, type BenchHandlers, type BenchMethod } from './api.js';
import { BenchError, describeZodError, type Result } from './result.js';

export type Logger = (message: string, error: unknown) => void;

type Prepared = { ok: false; result: Result<never> } | { ok: true; method: BenchMethod; run: () => unknown };

function prepare(handlers: BenchHandlers, method: string, rawArgs: unknown): Prepared {
  if (!isBenchMethod(method)) {
    return { ok: false, result: { ok: false, error: { code: 'not_found', message: `Unknown call "${method}"`, issues: [] } } };
  }
  const parsed = benchApiContract[method].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const { message, issues } = describeZodError(parsed.error);
    return { ok: false, result: { ok: false, error: { code: 'invalid_argument', message, issues } } };
  }
  const handler = handlers[method] as (args: unknown) => unknown;
  return { ok: true, method, run: () => handler(parsed.data) };
}

function refusal(method: string, error: unknown, logUnexpected: Logger): Result<never> {
  if (error instanceof BenchError) return { ok: false, error: error.toData() };
  logUnexpected(`${method} failed`, error);
  return { ok: false, error: { code: 'internal', message: 'The bench hit an unexpected error; nothing was changed.', issues: [] } };
}

/** Runs a synchronous call in place. An async call (settings) is refused: use invokeBenchMethodAsync. */
export function invokeBenchMethod(
  handlers: BenchHandlers,
  method: string,
  rawArgs: unknown,
  logUnexpected: Logger = () => {},
): Result<unknown> {
  const prepared = prepare(handlers, method, rawArgs);
  if (!prepared.ok) return prepared.result;
  if (isAsyncBenchMethod(prepared.method)) {
    return { ok: false, error: { code: 'internal', message: `${method} answers asynchronously; call it with invokeBenchMethodAsync.`, issues: [] } };
  }
  try {
    return { ok: true, value: prepared.run() };
  } catch (error) {
    return refusal(method, error, logUnexpected);
  }
}

/** Runs any call, waiting for the answer of async ones. What the transports use. */
export async function invokeBenchMethodAsync(
  handlers: BenchHandlers,
  method: string,
  rawArgs: unknown,
  logUnexpected: Logger = () => {},
): Promise<Result<unknown>> {
  const prepared = prepare(handlers, method, rawArgs);
  if (!prepared.ok) return prepared.result;
  try {
    return { ok: true, value: await prepared.run() };
  } catch (error) {
    return refusal(method, error, logUnexpected);
  }
}

export type { BenchMethod };
