import { QuestionDialog } from '../../components/QuestionDialog.js';
import { IDENTIFIER_MODE_LABELS, type IdentifierMode } from '../../../shared/domain/modes.js';

/**
 * Before "Set Mode" changes what the store holds (dispatched serial numbers usable again or marked used,
 * identifier boxes gone from orders): the consequence in words, then "Set Mode" or "Cancel". A
 * QuestionDialog: focus starts on "Cancel" (the safe choice: an Enter meant for the screen changes
 * nothing), Escape cancels, a scan is refused in words, and the focus goes back to "Set Mode" however
 * it closes.
 */
export function ModeChangeConfirm(props: { mode: IdentifierMode; consequence: string; onChoose: (confirmed: boolean) => void }) {
  const { mode, consequence, onChoose } = props;
  return (
    <QuestionDialog
      title={`Set Dispatch Identifier Mode to ${IDENTIFIER_MODE_LABELS[mode]}?`}
      question={consequence}
      onCancel={() => onChoose(false)}
      choices={[
        { label: 'Set Mode', primary: true, onChoose: () => onChoose(true) },
        { label: 'Cancel', autoFocus: true, onChoose: () => onChoose(false) },
      ]}
    />
  );
}
