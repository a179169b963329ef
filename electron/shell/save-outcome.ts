/**
 * Electron's save dialog answer, read in one place (no `electron` import: unit-tested under Node):
 * past here the outcome of saving an export is the contract's typed one.
 */

/** The save dialog's answer, as Electron gives it (SaveDialogReturnValue). */
export interface SaveDialogAnswer {
  canceled: boolean;
  filePath?: string | undefined;
}

/**
 * The file the packer chose to save to; null when they cancelled the dialog (their own choice, answered
 * as the `cancelled` outcome, not as a failure). Some platforms answer a cancel with an empty path only.
 */
export function chosenExportFile(answer: SaveDialogAnswer): string | null {
  if (answer.canceled || !answer.filePath) return null;
  return answer.filePath;
}
