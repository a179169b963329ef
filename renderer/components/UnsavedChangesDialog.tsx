import { useEffect, useId, useState } from 'react';
import { Dialog } from './dialog/Dialog.js';
import { ErrorText } from './ErrorText.js';
import { useRefusal } from './use-refusal.js';
import { useScanKeptOut } from '../scanner/use-scan-kept-out.js';

export type UnsavedChoice = 'save' | 'discard' | 'stay';

/**
 * The question before leaving unsaved edits: "Save", "Discard" or "Stay". An alert dialog (APG: it
 * interrupts and needs an answer), described by its question, on the Dialog primitive (modal, stacks
 * above another open modal such as the allocation dialog; focus goes back to what had it when the
 * question opened, however it closes); Escape means Stay. `refusal`: what the asker refused last (a
 * press while saving, a save that failed, another way out meanwhile), shown and announced anew each time.
 * A scan is no answer: its Enter pressed the focused "Save" (the value scanned lost, unsaid); it is
 * refused here instead, the latest refusal shown.
 */
export function UnsavedChangesDialog({
  what,
  busy,
  refusal,
  onChoose,
}: {
  what: string;
  busy: boolean;
  refusal: { message: string | null; key: number };
  onChoose: (choice: UnsavedChoice) => void;
}) {
  const textId = useId();
  const scanRefusal = useRefusal();
  const [latest, setLatest] = useState<'asker' | 'scan'>('asker');
  useEffect(() => setLatest('asker'), [refusal.key]);
  const keepScanOut = useScanKeptOut((scanned) => {
    setLatest('scan');
    scanRefusal.refuse(`The scan "${scanned.slice(0, 60)}" is not an answer: choose Save, Discard or Stay, then scan again.`);
  });
  // Negative keys for the scan's refusals: apart from the asker's, so each is announced anew.
  const shown = latest === 'scan' && scanRefusal.message !== null ? { message: scanRefusal.message, key: -scanRefusal.key } : refusal;
  return (
    <Dialog title="Unsaved changes" role="alertdialog" describedBy={textId} className="message-dialog unsaved-dialog" onCancel={() => onChoose('stay')}>
      <div onKeyDownCapture={keepScanOut}>
        <p id={textId}>
          {what} Save them before leaving, discard them, or stay here?
        </p>
        {busy && <p role="status">Saving…</p>}
        {shown.message && <ErrorText again={shown.key}>{shown.message}</ErrorText>}
        <div className="unsaved-actions">
          <button type="button" className="primary" autoFocus aria-disabled={busy || undefined} onClick={() => onChoose('save')}>
            Save
          </button>
          <button type="button" aria-disabled={busy || undefined} onClick={() => onChoose('discard')}>
            Discard
          </button>
          <button type="button" aria-disabled={busy || undefined} onClick={() => onChoose('stay')}>
            Stay
          </button>
        </div>
      </div>
    </Dialog>
  );
}
