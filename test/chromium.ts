/**
 * The Chromium every browser test and benchmark launches, found once when this module loads:
 * CHROMIUM_PATH, else a system Chromium or Chrome, else the one packaged in @sparticuz/chromium
 * (see chromium-finder.ts; CHROMIUM_SEARCH_DIRS= hides the system one). Playwright never downloads one.
 */
import { chromiumSearchFromEnv, findChromium } from './chromium-finder.js';

export { CHROMIUM_ARGS } from './chromium-finder.js';

export const FOUND_CHROMIUM = findChromium(chromiumSearchFromEnv());

export const CHROMIUM_EXECUTABLE = FOUND_CHROMIUM.executablePath;
