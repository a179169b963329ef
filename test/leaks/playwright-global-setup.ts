/** Playwright globalSetup: marks the run so every process started under it can be found at the end. */
import { markRun } from './run-marker.js';

export default function globalSetup(): void {
  markRun();
}
