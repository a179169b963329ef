/**
 * Electron: prints the window's page (the packing slip; its print styles show only the slip) to the
 * label printer chosen in Settings, without a dialog; with no printer set, the system print dialog
 * lets the packer pick one. The renderer asks through the printSlip contract call.
 */
import type { WebContents } from 'electron';
import { BenchError } from '../../shared/contract/result.js';

export function printPage(contents: WebContents | null, printer: string): Promise<{ printer: string | null }> {
  if (!contents) return Promise.reject(new BenchError('conflict', 'There is no window to print from.'));
  const deviceName = printer.trim();
  return new Promise((resolve, reject) => {
    contents.print({ silent: deviceName !== '', printBackground: true, ...(deviceName ? { deviceName } : {}) }, (success, reason) => {
      if (success) resolve({ printer: deviceName || null });
      else reject(new BenchError('conflict', `The slip was not printed (${reason || 'cancelled'}).`));
    });
  });
}
