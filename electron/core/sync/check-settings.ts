/** Hub settings checked before sync starts (plain code: the relays use it without loading the core). */
import { hubTokenProblem, hubUrlProblem } from '../../../shared/contract/settings-schemas.js';

/** Where the settings came from, when not from Settings: each named before its problem ("BENCH_HUB_URL: …"). */
export interface SyncSettingsSource {
  hubUrl: string;
  token: string;
}

/**
 * Checks hub settings by the rules the Settings screen saves them by (shared/contract/settings-schemas.ts);
 * returns a sentence saying what is wrong, or null when they look usable.
 */
export function checkSyncSettings(settings: { hubUrl: string; token: string }, from?: SyncSettingsSource): string | null {
  const named = (name: string | undefined, problem: string) => `${name ? `${name}: ` : ''}${problem}.`;
  const urlProblem = hubUrlProblem(settings.hubUrl);
  if (urlProblem !== null) return named(from?.hubUrl, urlProblem);
  // Named as the Settings screen labels it (and as the contract refuses it): "Bench token".
  const tokenProblem = hubTokenProblem(settings.token);
  if (tokenProblem !== null) return named(from?.token, tokenProblem);
  return null;
}
