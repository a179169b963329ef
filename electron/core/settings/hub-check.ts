/**
 * "Test connection": asks the hub who a token belongs to (GET /v1/whoami) and says in one sentence
 * what a packer or manager needs to know: reachable (with the warehouse), unauthorised, the wrong
 * warehouse or bench for this store, a TLS (certificate) problem, or unreachable and why.
 */
import type { HubCheckResult } from '../../../shared/contract/settings-schemas.js';
import { whoamiSchema } from '../sync/hub-schemas.js';

export interface HubCheckInput {
  hubUrl: string;
  token: string;
  /** What this bench's store is already bound to (sync_state), if it has synced before. */
  bound: { hubStationId: string | null; hubWarehouse: string | null };
  timeoutMs?: number;
}

// Node's TLS and OpenSSL error codes: CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ERR_SSL_WRONG_VERSION_NUMBER...
const TLS_CODE = /CERT|SSL|TLS|EPROTO|UNABLE_TO_(GET|VERIFY)/;

export async function checkHub(input: HubCheckInput): Promise<HubCheckResult> {
  const base = input.hubUrl.trim().replace(/\/+$/, '');
  const timeoutMs = input.timeoutMs ?? 10_000;
  const answer = (outcome: HubCheckResult['outcome'], message: string, who?: { warehouse: string; stationId: string }): HubCheckResult => ({
    outcome,
    message,
    warehouse: who?.warehouse ?? null,
    stationId: who?.stationId ?? null,
  });

  let response: Response;
  let text: string;
  try {
    response = await fetch(`${base}/v1/whoami`, {
      headers: { authorization: `Bearer ${input.token.trim()}`, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const { code, detail } = networkCause(error);
    if (code === 'TimeoutError') return answer('unreachable', `Unreachable: the hub at ${base} did not answer within ${timeoutMs / 1000} s.`);
    if (TLS_CODE.test(code)) {
      return answer('tls_problem', `TLS problem: the secure connection to ${base} failed (${code}${detail ? `: ${detail}` : ''}). Check the hub's certificate and the https:// address.`);
    }
    return answer('unreachable', `Unreachable: no connection to the hub at ${base} (${code}${detail ? `: ${detail}` : ''}). Check the address and the network.`);
  }
  if (response.status === 401 || response.status === 403) {
    return answer('unauthorised', `Unauthorised: the hub at ${base} refused this token (it is wrong or has been revoked). Ask for a new bench token.`);
  }
  if (response.status === 429) {
    return answer('unauthorised', `Unauthorised: the hub at ${base} is refusing this bench for a while after failed tokens; try again in a minute.`);
  }
  if (response.status !== 200) {
    return answer('not_a_hub', `The server at ${base} answered ${response.status}: it does not look like a packing bench hub. Check the address.`);
  }
  let parsed: ReturnType<typeof whoamiSchema.safeParse>;
  try {
    parsed = whoamiSchema.safeParse(JSON.parse(text));
  } catch {
    return answer('not_a_hub', `The server at ${base} does not answer like a packing bench hub. Check the address.`);
  }
  if (!parsed.success) return answer('not_a_hub', `The server at ${base} does not answer like a packing bench hub. Check the address.`);
  const me = parsed.data;
  const { hubWarehouse, hubStationId } = input.bound;
  if (hubWarehouse !== null && hubWarehouse !== me.warehouse) {
    return answer(
      'wrong_warehouse',
      `Wrong warehouse: this token belongs to warehouse "${me.warehouse}", but this bench's data belongs to warehouse "${hubWarehouse}". Use a token of "${hubWarehouse}".`,
      me,
    );
  }
  if (hubStationId !== null && hubStationId !== me.stationId) {
    return answer(
      'wrong_bench',
      `Wrong bench: this token belongs to bench "${me.stationId}", but this bench's data synced as "${hubStationId}". Use that bench's token.`,
      me,
    );
  }
  return answer('reachable', `Reachable: the hub at ${base} accepted the token for warehouse "${me.warehouse}" (bench "${me.stationId}").`, me);
}

function networkCause(error: unknown): { code: string; detail: string } {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string; cause?: { code?: string } } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { code: 'TimeoutError', detail: '' };
  const code = e.cause?.code ?? e.cause?.cause?.code ?? e.name ?? 'network error';
  const detail = e.cause?.message && e.cause.message !== code ? e.cause.message : '';
  return { code, detail };
}
