import { QuestionDialog } from './QuestionDialog.js';

export type UnsavedChoice = 'save' | 'discard' | 'stay';

/**
 * The question before leaving unsaved edits: "Save", "Discard" or "Stay" (a QuestionDialog: it stacks
 * above another open modal such as the allocation dialog, and a scan is refused, not taken as "Save");
 * Escape means Stay. `refusal`: what the asker refused last (a press while saving, a save that failed,
 * another way out meanwhile), shown and announced anew each time.
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
  return (
    <QuestionDialog
      title="Unsaved changes"
      question={<>{what} Save them before leaving, discard them, or stay here?</>}
      status={busy && <p role="status">Saving…</p>}
      refusal={refusal}
      onCancel={() => onChoose('stay')}
      choices={[
        { label: 'Save', primary: true, autoFocus: true, busy, onChoose: () => onChoose('save') },
        { label: 'Discard', busy, onChoose: () => onChoose('discard') },
        { label: 'Stay', busy, onChoose: () => onChoose('stay') },
      ]}
    />
  );
}
