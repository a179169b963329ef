/** "Dispatch identifiers saved" names the orders whose identifiers were saved, not every selected one. */
import { describe, expect, it } from 'vitest';
import { savedMessage } from '../../renderer/screens/orders/allocation/saved-message.js';

describe('the saved message', () => {
  it('names one order, or the selected orders when every one was changed', () => {
    expect(savedMessage(['SO-1'], 2, ['SO-1'])).toBe('The dispatch identifiers have been saved against order SO-1.');
    expect(savedMessage(['SO-1', 'SO-2'], 3, ['SO-1', 'SO-2'])).toBe('The dispatch identifiers have been saved against the 2 selected orders.');
  });

  it('names the orders changed when only some of the selected ones were', () => {
    expect(savedMessage(['SO-1', 'SO-2'], 1, ['SO-2'])).toBe('The dispatch identifiers have been saved against order SO-2; nothing was changed for the other selected order.');
    const selected = Array.from({ length: 1200 }, (_, i) => `SO-${i + 1}`);
    expect(savedMessage(selected, 7, selected.slice(0, 7))).toBe(
      'The dispatch identifiers have been saved against orders SO-1, SO-2, SO-3, SO-4, SO-5 and 2 more; nothing was changed for the other 1,193 selected orders.',
    );
    expect(savedMessage(selected, 2, ['SO-3', 'SO-9'])).toBe('The dispatch identifiers have been saved against orders SO-3 and SO-9; nothing was changed for the other 1,198 selected orders.');
  });

  it('says nothing changed, and falls back to the selection when the core filled some units itself', () => {
    expect(savedMessage(['SO-1', 'SO-2'], 0, [])).toBe('No identifiers were changed for the 2 selected orders.');
    expect(savedMessage(['SO-1', 'SO-2'], 4, null)).toBe('The dispatch identifiers have been saved against the 2 selected orders.');
  });
});
