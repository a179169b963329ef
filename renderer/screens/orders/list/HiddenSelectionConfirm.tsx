import { useId } from 'react';
import { Dialog } from '../../../components/dialog/Dialog.js';
import { counted, formatCount } from '../../../components/format-count.js';

export type HiddenSelectionChoice = 'continue' | 'show' | 'cancel';

/**
 * Before a bulk action from "Actions" covers selected orders the search does not show: "Continue"
 * (all of them), "Show them" (clears the search) or "Cancel". An APG alert dialog on the Dialog
 * primitive: focus starts on "Continue", and goes back to "Actions" however it closes; Escape cancels.
 */
export function HiddenSelectionConfirm(props: { action: string; selected: number; hidden: number; onChoose: (choice: HiddenSelectionChoice) => void }) {
  const { action, selected, hidden, onChoose } = props;
  const textId = useId();
  return (
    <Dialog
      role="alertdialog"
      title={`${action} for ${counted(selected, 'order', 'orders')}, ${formatCount(hidden)} not shown by this search?`}
      describedBy={textId}
      className="message-dialog unsaved-dialog"
      onCancel={() => onChoose('cancel')}
    >
      <p id={textId}>
        {counted(hidden, 'selected order is', 'selected orders are')} not in the list this search shows.
        Continue with all {formatCount(selected)}, show them (clears the search), or cancel?
      </p>
      <div className="unsaved-actions">
        <button type="button" className="primary" autoFocus onClick={() => onChoose('continue')}>
          Continue
        </button>
        <button type="button" onClick={() => onChoose('show')}>
          Show them
        </button>
        <button type="button" onClick={() => onChoose('cancel')}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
