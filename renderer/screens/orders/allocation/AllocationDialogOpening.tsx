/**
 * The allocation dialog as the order list opens it: its code loads in its own chunk, and until it is
 * here "Opening Allocate Dispatch Identifiers…" holds the focus and the keys. The keys typed meanwhile
 * are kept by the same typed-ahead buffer the dialog keeps them in while it reads its orders (one
 * buffer from the press on, handed to the dialog), so a scan fired right after "Dispatch Identifiers"
 * lands in unit 1 whether it came before the code, before the orders, or across both.
 * This module is in the list's bundle: it must not import the dialog itself, only its type.
 */
import { Suspense, type ComponentType } from 'react';
import { OpeningDialog } from '../../../components/dialog/OpeningDialog.js';
import { useScanOptions } from '../../../scanner/scanner-settings.js';
import type { AllocationDialogProps } from './AllocationDialog.js';
import { ALLOCATION_DIALOG_TITLE } from './allocation-dialog-title.js';
import { useTypedAhead } from './use-typed-ahead.js';

export interface AllocationDialogOpeningProps extends Omit<AllocationDialogProps, 'typedAhead'> {
  /** The dialog: the loaded component, or a lazy() one that suspends until its chunk is here. */
  dialog: ComponentType<AllocationDialogProps>;
}

export function AllocationDialogOpening({ dialog: AllocationDialog, ...props }: AllocationDialogOpeningProps) {
  // Mounted once per opening (its parent renders it only while allocating): a fresh buffer each time.
  const typedAhead = useTypedAhead(useScanOptions());
  return (
    <Suspense fallback={<OpeningDialog title={ALLOCATION_DIALOG_TITLE} onCancel={props.onCancel} onKeyDownCapture={typedAhead.onKeyDownCapture} />}>
      <AllocationDialog {...props} typedAhead={typedAhead} />
    </Suspense>
  );
}
