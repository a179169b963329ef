/** What a Dispatch Identifier Mode change will do, in the words the product screen asks with; nothing when it does nothing. */
import { describe, expect, it } from 'vitest';
import { modeChangeConsequence, type IdentifierModeCounts } from '../../shared/domain/mode-change-words.js';

const counts = (over: Partial<IdentifierModeCounts>): IdentifierModeCounts => ({
  sku: 'PHONE-1',
  identifierMode: 'single_use',
  identifierKind: 'serial',
  identifiers: 0,
  dispatched: 0,
  consumed: 0,
  awaitingOrders: 0,
  refusal: null,
  ...over,
});

describe('modeChangeConsequence', () => {
  it("names the values as the product's kind calls them, one and many", () => {
    const question = (identifierKind: IdentifierModeCounts['identifierKind']) =>
      modeChangeConsequence(counts({ identifierKind, identifierMode: 'none', awaitingOrders: 1, identifiers: 3, dispatched: 2 }), 'multiple_use');
    expect(question('use_by')).toBe(
      'PHONE-1 becomes Multiple Use: 1 order awaiting dispatch needs a use-by date for each unit of it before "Complete Order", and 2 use-by dates already dispatched become available to allocate again.',
    );
    expect(question('lot')).toBe(
      'PHONE-1 becomes Multiple Use: 1 order awaiting dispatch needs a lot number for each unit of it before "Complete Order", and 2 lot numbers already dispatched become available to allocate again.',
    );
    expect(question('other')).toBe(
      'PHONE-1 becomes Multiple Use: 1 order awaiting dispatch needs an identifier for each unit of it before "Complete Order", and 2 identifiers already dispatched become available to allocate again.',
    );
    expect(modeChangeConsequence(counts({ identifierKind: 'use_by', identifierMode: 'multiple_use', identifiers: 1 }), 'none')).toBe(
      'PHONE-1 becomes None: its 1 use-by date is kept but not used while the mode is None.',
    );
  });

  it('single use to multiple use: the dispatched serial numbers can be allocated again', () => {
    expect(modeChangeConsequence(counts({ identifiers: 40, dispatched: 37, consumed: 37 }), 'multiple_use')).toBe(
      'PHONE-1 becomes Multiple Use: 37 serial numbers already dispatched become available to allocate again.',
    );
    expect(modeChangeConsequence(counts({ identifiers: 1, dispatched: 1, consumed: 1 }), 'multiple_use')).toBe(
      'PHONE-1 becomes Multiple Use: 1 serial number already dispatched becomes available to allocate again.',
    );
  });

  it('to single use: the serial numbers already dispatched are marked used', () => {
    expect(modeChangeConsequence(counts({ identifierMode: 'multiple_use', identifiers: 1500, dispatched: 1200 }), 'single_use')).toBe(
      'PHONE-1 becomes Single Use: 1,200 serial numbers already dispatched are marked used and cannot be allocated again.',
    );
  });

  it('to None: orders stop showing identifier boxes for it, its serial numbers are kept', () => {
    expect(modeChangeConsequence(counts({ identifiers: 5, awaitingOrders: 2 }), 'none')).toBe(
      'PHONE-1 becomes None: 2 orders awaiting dispatch stop showing identifier boxes for it, and its 5 serial numbers are kept but not used while the mode is None.',
    );
    expect(modeChangeConsequence(counts({ identifierMode: 'multiple_use', identifiers: 1 }), 'none')).toBe(
      'PHONE-1 becomes None: its 1 serial number is kept but not used while the mode is None.',
    );
    expect(modeChangeConsequence(counts({ awaitingOrders: 1 }), 'none')).toBe('PHONE-1 becomes None: 1 order awaiting dispatch stops showing identifier boxes for it.');
  });

  it('from None: the orders awaiting dispatch with units of it need a serial number a unit before Complete Order', () => {
    expect(modeChangeConsequence(counts({ identifierMode: 'none', awaitingOrders: 12 }), 'single_use')).toBe(
      'PHONE-1 becomes Single Use: 12 orders awaiting dispatch need a serial number for each unit of it before "Complete Order".',
    );
    expect(modeChangeConsequence(counts({ identifierMode: 'none', awaitingOrders: 1, identifiers: 3, dispatched: 2 }), 'single_use')).toBe(
      'PHONE-1 becomes Single Use: 1 order awaiting dispatch needs a serial number for each unit of it before "Complete Order", and 2 serial numbers already dispatched are marked used and cannot be allocated again.',
    );
    expect(modeChangeConsequence(counts({ identifierMode: 'none', awaitingOrders: 2 }), 'multiple_use')).toBe(
      'PHONE-1 becomes Multiple Use: 2 orders awaiting dispatch need a serial number for each unit of it before "Complete Order".',
    );
    // Between the two tracked modes the orders had their boxes already: nothing new to say about them.
    expect(modeChangeConsequence(counts({ awaitingOrders: 2 }), 'multiple_use')).toBeNull();
  });

  it('from None to multiple use: the serial numbers kept on dispatched units become available to allocate again', () => {
    // While the mode is None no serial number is marked used (consumed is 0), but those on a dispatched
    // unit (dispatched under single use, say) can be allocated to new units once multiple use applies.
    expect(modeChangeConsequence(counts({ identifierMode: 'none', identifiers: 5, dispatched: 3 }), 'multiple_use')).toBe(
      'PHONE-1 becomes Multiple Use: 3 serial numbers already dispatched become available to allocate again.',
    );
    expect(modeChangeConsequence(counts({ identifierMode: 'none', identifiers: 1, dispatched: 1, awaitingOrders: 2 }), 'multiple_use')).toBe(
      'PHONE-1 becomes Multiple Use: 2 orders awaiting dispatch need a serial number for each unit of it before "Complete Order", and 1 serial number already dispatched becomes available to allocate again.',
    );
    // Kept serial numbers none of which went out on a dispatched unit: nothing to say about them.
    expect(modeChangeConsequence(counts({ identifierMode: 'none', identifiers: 4 }), 'multiple_use')).toBeNull();
  });

  it('from None to single use: the serial numbers kept on dispatched units are marked used', () => {
    expect(modeChangeConsequence(counts({ identifierMode: 'none', identifiers: 5, dispatched: 3 }), 'single_use')).toBe(
      'PHONE-1 becomes Single Use: 3 serial numbers already dispatched are marked used and cannot be allocated again.',
    );
  });

  it('nothing to say when nothing dispatched, no identifiers, or the mode is already the one asked for', () => {
    expect(modeChangeConsequence(counts({ identifiers: 3 }), 'multiple_use')).toBeNull();
    expect(modeChangeConsequence(counts({ identifierMode: 'multiple_use', identifiers: 3 }), 'single_use')).toBeNull();
    expect(modeChangeConsequence(counts({ identifierMode: 'none' }), 'single_use')).toBeNull();
    expect(modeChangeConsequence(counts({}), 'none')).toBeNull();
    expect(modeChangeConsequence(counts({ dispatched: 4, consumed: 4 }), 'single_use')).toBeNull();
  });
});
