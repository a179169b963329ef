/** Hub settings checked before sync starts (plain code: the relays use it without loading the core). */

/** Checks hub settings; returns a sentence for the settings screen, or null when they look usable. */
export function checkSyncSettings(settings: { hubUrl: string; token: string }): string | null {
  let url: URL;
  try {
    url = new URL(settings.hubUrl.trim());
  } catch {
    return `The hub URL "${settings.hubUrl}" is not a URL (e.g. http://hub.example:8080).`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The hub URL must start with http:// or https://.';
  // Named as the Settings screen labels it (and as the contract refuses it): "Bench token".
  if (settings.token.trim() === '') return 'Bench token is empty.';
  if (/\s/.test(settings.token.trim())) return 'Bench token must not contain spaces.';
  return null;
}
