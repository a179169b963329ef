/** The allocation dialog's title, in the list's bundle too: its "Opening…" placeholder is named after it. */
export const ALLOCATION_DIALOG_TITLE = 'Allocate Dispatch Identifiers';
