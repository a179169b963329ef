/**
 * Electron: prints the window's page (the packing slip; its print styles show only the slip) to the
 * label printer chosen in Settings, without a dialog; with no printer set, the system print dialog
 * lets the packer pick one. The renderer asks through the printSlip contract call.
 */
import type { WebContents } from 'electron';
import type { PrintSlipResult } from '../../shared/contract/trace-schemas.js';
import { BenchError } from '../../shared/contract/result.js';

export function printPage(contents: WebContents | null, printer: string): Promise<PrintSlipResult> {
  if (!contents) return Promise.reject(new BenchError('conflict', 'There is no window to print from.'));
  const deviceName = printer.trim();
  return new Promise((resolve, reject) => {
    contents.print({ silent: deviceName !== '', printBackground: true, ...(deviceName ? { deviceName } : {}) }, (success, reason) => {
      try {
        resolve(printOutcome(deviceName, success, reason));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/**
 * Electron's print callback as the contract's typed outcome. Electron names a dialog the packer
 * cancelled "cancelled" (older versions gave no reason): that is the packer's choice, answered as the
 * `cancelled` outcome, not as a failure. Any other reason is a failure, refused in words with it.
 * The only place Electron's words are read: past here the outcome is typed.
 */
export function printOutcome(deviceName: string, success: boolean, reason: string | undefined): PrintSlipResult {
  if (success) return { outcome: 'printed', printer: deviceName || null };
  const why = (reason ?? '').trim();
  if (why === '' || why.toLowerCase() === 'cancelled') return { outcome: 'cancelled' };
  throw new BenchError('conflict', `The slip was not printed (${why}).`);
}
