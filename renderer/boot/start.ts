/**
 * The page's start-up script: a few hundred bytes loaded before the app's bundle (the build puts it
 * first in index.html, see vite.config.ts), so the order list's first page is already being read
 * while the bundle downloads, compiles and starts.
 */
import { startEarlyFirstPage } from './early-first-page.js';

performance.mark('boot:start-script');
startEarlyFirstPage();
