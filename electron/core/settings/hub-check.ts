/**
 * "Test connection": asks the hub who a token belongs to (GET /v1/whoami) and says in one sentence
 * what a packer or manager needs to know: reachable (with the warehouse), unauthorised, the wrong
 * warehouse or bench for this store, a TLS (certificate) problem, or unreachable and why.
 */
import type { HubCheckResult } from '../../../shared/contract/settings-schemas.js';
import { CHECK_HUB_URL, createHubClient, HubError, TOO_MANY_REQUESTS } from '../sync/hub-client.js';

export interface HubCheckInput {
  hubUrl: string;
  token: string;
  /** What this bench's store is already bound to (sync_state), if it has synced before. */
  bound: { hubStationId: string | null; hubWarehouse: string | null };
  /** PEM of a CA (or the hub's own certificate) to trust besides the system's (BENCH_HUB_CA). */
  ca?: string;
  timeoutMs?: number;
}

export async function checkHub(input: HubCheckInput): Promise<HubCheckResult> {
  const base = input.hubUrl.trim().replace(/\/+$/, '');
  const answer = (outcome: HubCheckResult['outcome'], message: string, who?: { warehouse: string; stationId: string }): HubCheckResult => ({
    outcome,
    message,
    warehouse: who?.warehouse ?? null,
    stationId: who?.stationId ?? null,
  });
  const client = createHubClient({ hubUrl: base, token: input.token.trim(), timeoutMs: input.timeoutMs ?? 10_000, ca: input.ca });
  let me: { warehouse: string; formerWarehouseNames?: string[]; stationId: string };
  try {
    me = await client.whoami();
  } catch (error) {
    if (!(error instanceof HubError)) throw error;
    const said = error.message;
    if (said.startsWith('cannot connect securely')) return answer('tls_problem', `TLS problem: ${said}.`);
    if (error.kind === 'refused' && error.status === TOO_MANY_REQUESTS) {
      return answer('unauthorised', `Unauthorised: the hub at ${base} is refusing this bench for a while after failed tokens; try again in a minute.`);
    }
    if (error.kind === 'refused' && error.reason === 'token_revoked') {
      return answer('unauthorised', `Unauthorised: this token was revoked at the hub at ${base}. Ask your supervisor for a new bench token.`);
    }
    if (error.kind === 'refused') {
      return answer('unauthorised', `Unauthorised: the hub at ${base} refused this token (it is wrong or has been revoked). Ask for a new bench token.`);
    }
    if (error.kind === 'offline' && error.status === undefined) return answer('unreachable', `Unreachable: ${said}. Check the address and the network.`);
    if (error.kind === 'offline') return answer('unreachable', `Unreachable: ${said}.`);
    // The client's words already name the server and what it answered: said once, without sending the packer to Settings, where they are.
    const notAHub = said.endsWith(CHECK_HUB_URL) ? said.slice(0, -CHECK_HUB_URL.length) : said;
    return answer('not_a_hub', `Not a hub: ${notAHub}. Check the address.`);
  }
  const { hubWarehouse, hubStationId } = input.bound;
  // A warehouse renamed at the hub is still this bench's: its former names include the one bound.
  if (hubWarehouse !== null && hubWarehouse !== me.warehouse && !(me.formerWarehouseNames ?? []).includes(hubWarehouse)) {
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
