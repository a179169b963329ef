import { useId } from 'react';
import { Dialog } from '../../components/dialog/Dialog.js';
import { IDENTIFIER_MODE_LABELS, type IdentifierMode } from '../../../shared/domain/modes.js';

/**
 * Before "Set Mode" changes what the store holds (dispatched serial numbers usable again or marked used,
 * identifier boxes gone from orders): the consequence in words, then "Set Mode" or "Cancel". An APG
 * alert dialog on the Dialog primitive: focus starts on "Cancel" (the safe choice: an Enter meant for
 * the screen changes nothing), Escape cancels, and the focus goes back to "Set Mode" however it closes.
 */
export function ModeChangeConfirm(props: { mode: IdentifierMode; consequence: string; onChoose: (confirmed: boolean) => void }) {
  const { mode, consequence, onChoose } = props;
  const textId = useId();
  return (
    <Dialog
      role="alertdialog"
      title={`Set Dispatch Identifier Mode to ${IDENTIFIER_MODE_LABELS[mode]}?`}
      describedBy={textId}
      className="message-dialog unsaved-dialog"
      onCancel={() => onChoose(false)}
    >
      <p id={textId}>{consequence}</p>
      <div className="unsaved-actions">
        <button type="button" className="primary" onClick={() => onChoose(true)}>
          Set Mode
        </button>
        <button type="button" autoFocus onClick={() => onChoose(false)}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
