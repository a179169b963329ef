import { QuestionDialog } from '../../../components/QuestionDialog.js';
import { counted, formatCount } from '../../../components/format-count.js';

export type HiddenSelectionChoice = 'continue' | 'show' | 'cancel';

/**
 * Before a bulk action from "Actions" covers selected orders the search does not show: "Continue"
 * (all of them), "Show them" (clears the search) or "Cancel". A QuestionDialog: focus starts on
 * "Continue", and goes back to "Actions" however it closes; Escape cancels; a scan is refused, not
 * taken as "Continue".
 */
export function HiddenSelectionConfirm(props: { action: string; selected: number; hidden: number; onChoose: (choice: HiddenSelectionChoice) => void }) {
  const { action, selected, hidden, onChoose } = props;
  return (
    <QuestionDialog
      title={`${action} for ${counted(selected, 'order', 'orders')}, ${formatCount(hidden)} not shown by this search?`}
      question={
        <>
          {counted(hidden, 'selected order is', 'selected orders are')} not in the list this search shows.
          Continue with all {formatCount(selected)}, show them (clears the search), or cancel?
        </>
      }
      onCancel={() => onChoose('cancel')}
      choices={[
        { label: 'Continue', primary: true, autoFocus: true, onChoose: () => onChoose('continue') },
        { label: 'Show them', onChoose: () => onChoose('show') },
        { label: 'Cancel', onChoose: () => onChoose('cancel') },
      ]}
    />
  );
}
