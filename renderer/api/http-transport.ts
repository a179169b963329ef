/**
 * The BenchApi over loopback HTTP (browser mode). Results are checked against the contract's
 * schemas here too, so the UI never handles data the contract does not describe.
 */
import { BENCH_METHODS, benchApiContract, type BenchApi, type BenchMethod } from '../../shared/contract/api.js';
import { benchErrorSchema, type Result } from '../../shared/contract/result.js';

export function createHttpBenchApi(baseUrl: string, secret: string, fetchImpl: typeof fetch = fetch): BenchApi {
  async function call(method: BenchMethod, args: unknown): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await fetchImpl(new URL(`api/${method}`, baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: 'The bench service is not reachable; is it still running?', issues: [] } };
    }
    const body: unknown = await response.json().catch(() => null);
    return checkResult(method, body);
  }
  const api: Partial<Record<BenchMethod, (args: unknown) => Promise<Result<unknown>>>> = {};
  for (const method of BENCH_METHODS) api[method] = (args) => call(method, args);
  return api as BenchApi;
}

/** Validates a Result as received from any transport. */
export function checkResult(method: BenchMethod, body: unknown): Result<unknown> {
  const envelope = body as { ok?: unknown; value?: unknown; error?: unknown } | null;
  if (envelope && envelope.ok === true) {
    const parsed = benchApiContract[method].result.safeParse(envelope.value);
    if (parsed.success) return { ok: true, value: parsed.data };
  } else if (envelope && envelope.ok === false) {
    const parsed = benchErrorSchema.safeParse(envelope.error);
    if (parsed.success) return { ok: false, error: parsed.data };
  }
  return { ok: false, error: { code: 'internal', message: `The bench answered ${method} with something unexpected.`, issues: [] } };
}
