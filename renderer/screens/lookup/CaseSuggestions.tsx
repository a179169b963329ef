/**
 * "Did you mean: SN-77 (PHONE-1)?" after a look-up that found nothing held now: the identifiers equal to
 * the value but for its case, each a button running its exact look-up. Said wherever the bench answers
 * "no product holds it": never held, or held once (its history shown below).
 */
import { Fragment } from 'react';

export interface CaseSuggestion {
  value: string;
  sku: string;
}

export function CaseSuggestions({ suggestions, onPick }: { suggestions: readonly CaseSuggestion[]; onPick: (value: string) => void }) {
  if (suggestions.length === 0) return null;
  return (
    <>
      {' Did you mean: '}
      {suggestions.map((suggestion, i) => (
        <Fragment key={JSON.stringify([suggestion.value, suggestion.sku])}>
          {i > 0 && ', '}
          <button
            type="button"
            className="lookup-suggestion"
            // Reached by Tab, out of its sentence: its name says what it does (and holds its words).
            aria-label={`Look up ${suggestion.value} (${suggestion.sku})`}
            onClick={() => onPick(suggestion.value)}
          >
            {suggestion.value} ({suggestion.sku})
          </button>
        </Fragment>
      ))}
      ?
    </>
  );
}
