/** Debian's Chromium as every browser test and benchmark launches it (Playwright never downloads one here). */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  // Without these, Chromium keeps calling out to a network this machine does not have.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // The scanner's audible refusal plays without a prior click.
  '--autoplay-policy=no-user-gesture-required',
];
