export const IDENTIFIER_MODES = ['none', 'single_use', 'multiple_use'] as const;
export type IdentifierMode = (typeof IDENTIFIER_MODES)[number];

/** The labels users know from the product screen, verbatim. */
export const IDENTIFIER_MODE_LABELS: Record<IdentifierMode, string> = {
  none: 'None',
  single_use: 'Pre Entered Product Serial Numbers (Single Use)',
  multiple_use: 'Pre Entered Product Serial Numbers (Multiple Use)',
};

export function isTracked(mode: IdentifierMode): boolean {
  return mode !== 'none';
}

/** The modes named short, where a sentence names one ("PHONE-1 becomes Multiple Use: …"). */
export const IDENTIFIER_MODE_SHORT_LABELS: Record<IdentifierMode, string> = {
  none: 'None',
  single_use: 'Single Use',
  multiple_use: 'Multiple Use',
};
