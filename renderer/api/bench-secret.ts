/**
 * Browser mode's per-launch secret: carried in the launch URL's fragment (never sent to servers), kept
 * in sessionStorage so a reload still has it. Free of the contract's schemas: the start-up script reads
 * it too, before the app's bundle has loaded.
 */
const SECRET_KEY = 'bench-secret';

/** The secret in the URL's fragment, if the page was opened with one. */
export function secretFromFragment(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get('secret');
}

/** The secret this page should send: the fragment's, else the one kept for this tab. */
export function benchSecret(): string {
  return secretFromFragment() ?? sessionStorage.getItem(SECRET_KEY) ?? '';
}

/** Keeps the fragment's secret for this tab and takes it out of the address bar (and history). */
export function keepSecretFromFragment(): void {
  const fromFragment = secretFromFragment();
  if (!fromFragment) return;
  sessionStorage.setItem(SECRET_KEY, fromFragment);
  history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** Where browser mode's host answers calls: the page's own origin. */
export function hostBaseUrl(): string {
  return window.location.origin + '/';
}
