/**
 * The BenchApi over loopback HTTP (browser mode). Results are checked against the contract's
 * schemas here too, so the UI never handles data the contract does not describe.
 */
import { BENCH_METHODS, benchApiContract, type BenchApi, type BenchMethod } from '../../shared/contract/api.js';
import { benchErrorSchema, describeZodError, type Issue, type Result } from '../../shared/contract/result.js';
import { postBenchCall, type HttpReply } from './http-call.js';

export function createHttpBenchApi(baseUrl: string, secret: string, fetchImpl: typeof fetch = fetch): BenchApi {
  const call = async (method: BenchMethod, args: unknown) => checkReply(method, await postBenchCall(baseUrl, secret, method, args, fetchImpl));
  const api: Partial<Record<BenchMethod, (args: unknown) => Promise<Result<unknown>>>> = {};
  for (const method of BENCH_METHODS) api[method] = (args) => call(method, args);
  return api as BenchApi;
}

/** What the page shows when the host cannot be reached at all. */
const UNREACHABLE: Result<never> = { ok: false, error: { code: 'internal', message: 'The bench service is not reachable; is it still running?', issues: [] } };

/** A call's HTTP reply as a checked Result. */
export function checkReply(method: BenchMethod, reply: HttpReply): Result<unknown> {
  return reply.reached ? checkResult(method, reply.body) : UNREACHABLE;
}

/** Validates a Result as received from any transport. */
export function checkResult(method: BenchMethod, body: unknown): Result<unknown> {
  const envelope = body as { ok?: unknown; value?: unknown; error?: unknown } | null;
  if (envelope && envelope.ok === true) {
    const parsed = benchApiContract[method].result.safeParse(envelope.value);
    if (parsed.success) return { ok: true, value: parsed.data };
    return unexpected(method, describeZodError(parsed.error).issues);
  } else if (envelope && envelope.ok === false) {
    const parsed = benchErrorSchema.safeParse(envelope.error);
    if (parsed.success) return { ok: false, error: parsed.data };
  }
  return unexpected(method, []);
}

/** An answer the contract does not describe: refused whole, naming the first thing wrong with it. */
function unexpected(method: BenchMethod, issues: Issue[]): Result<never> {
  const first = issues[0] ? ` (${issues[0].where}: ${issues[0].message})` : '';
  return { ok: false, error: { code: 'internal', message: `The bench answered ${method} with something unexpected${first}.`, issues } };
}
