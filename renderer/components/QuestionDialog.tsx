import { useEffect, useId, useState, type ReactNode } from 'react';
import { Dialog } from './dialog/Dialog.js';
import { ErrorText } from './ErrorText.js';
import { useRefusal } from './use-refusal.js';
import { useScanKeptOut } from '../scanner/use-scan-kept-out.js';

export interface QuestionChoice {
  label: string;
  onChoose: () => void;
  /** Drawn as the main choice. */
  primary?: boolean;
  /** Where the focus starts (the safe choice, where an Enter meant for the screen behind does no harm). */
  autoFocus?: boolean;
  /** Pressed while the asker is busy: the asker refuses it in words (aria-disabled keeps it focusable). */
  busy?: boolean;
}

/**
 * A question the packer must answer before going on (APG alert dialog on the Dialog primitive: modal,
 * described by its question; focus goes back to what had it however it closes; Escape is `onCancel`).
 * A scan is no answer: its Enter would press the focused choice ("Save", "Continue") with the value
 * scanned lost and nothing said. It is refused in words instead, announced and beeped, naming the
 * choices; a person's Enter answers. `refusal`: what the asker refused last, shown anew each time; the
 * latest of the asker's and the scan's refusals is the one shown.
 */
export function QuestionDialog(props: {
  title: string;
  question: ReactNode;
  choices: readonly QuestionChoice[];
  onCancel: () => void;
  /** Shown under the question (e.g. "Saving…"). */
  status?: ReactNode;
  refusal?: { message: string | null; key: number };
}) {
  const { title, question, choices, onCancel, status, refusal = NO_REFUSAL } = props;
  const textId = useId();
  const scanRefusal = useRefusal();
  const [latest, setLatest] = useState<'asker' | 'scan'>('asker');
  useEffect(() => setLatest('asker'), [refusal.key]);
  const keepScanOut = useScanKeptOut((scanned) => {
    setLatest('scan');
    scanRefusal.refuse(`The scan "${scanned.slice(0, 60)}" is not an answer: choose ${choiceWords(choices)}, then scan again.`);
  });
  // Negative keys for the scan's refusals: apart from the asker's, so each is announced anew.
  const shown = latest === 'scan' && scanRefusal.message !== null ? { message: scanRefusal.message, key: -scanRefusal.key } : refusal;
  return (
    <Dialog title={title} role="alertdialog" describedBy={textId} className="message-dialog unsaved-dialog" onCancel={onCancel}>
      <div onKeyDownCapture={keepScanOut}>
        <p id={textId}>{question}</p>
        {status}
        {shown.message && <ErrorText again={shown.key}>{shown.message}</ErrorText>}
        <div className="unsaved-actions">
          {choices.map((choice) => (
            <button key={choice.label} type="button" className={choice.primary ? 'primary' : undefined} autoFocus={choice.autoFocus} aria-disabled={choice.busy || undefined} onClick={choice.onChoose}>
              {choice.label}
            </button>
          ))}
        </div>
      </div>
    </Dialog>
  );
}

const NO_REFUSAL = { message: null, key: 0 } as const;

/** "Save, Discard or Stay". */
function choiceWords(choices: readonly QuestionChoice[]): string {
  const labels = choices.map((c) => c.label);
  return labels.length < 2 ? labels.join('') : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}
