/** Ranges of identifiers (shared/ranges/identifier-range.ts): padding, prefixes/suffixes, overflow, collisions. */
import { describe, expect, it } from 'vitest';
import {
  describeCollisions,
  describeRange,
  expandRange,
  MAX_RANGE_COUNT,
  parseRange,
  rangeCollisions,
  type IdentifierRange,
  type RangeParse,
} from '../../shared/ranges/identifier-range.js';

function rangeOf(parsed: RangeParse): IdentifierRange {
  if (parsed.kind !== 'range') throw new Error(`expected a range, got ${JSON.stringify(parsed)}`);
  return parsed.range;
}

describe('parseRange', () => {
  it('expands first..last keeping prefix, suffix and zero padding', () => {
    const values = expandRange(rangeOf(parseRange('SN-0098..SN-0102')));
    expect(values).toEqual(['SN-0098', 'SN-0099', 'SN-0100', 'SN-0101', 'SN-0102']);
    expect(expandRange(rangeOf(parseRange('A7-0001-EU .. A7-0003-EU')))).toEqual(['A7-0001-EU', 'A7-0002-EU', 'A7-0003-EU']);
  });

  it('expands first +count, counting on the last run of digits only', () => {
    const range = rangeOf(parseRange('LOT7/B009 +3'));
    expect(expandRange(range)).toEqual(['LOT7/B009', 'LOT7/B010', 'LOT7/B011']);
    expect(describeRange(rangeOf(parseRange('SN0001 +100')))).toBe('SN0001 … SN0100 (100 values)');
  });

  it('counts long numeric tails exactly (beyond 2^53)', () => {
    expect(expandRange(rangeOf(parseRange('99999999999999999998..99999999999999999999')))).toEqual(['99999999999999999998', '99999999999999999999']);
  });

  it('lets an unpadded range grow a digit (9..11), but not a padded one', () => {
    expect(expandRange(rangeOf(parseRange('BOX9..BOX11')))).toEqual(['BOX9', 'BOX10', 'BOX11']);
    expect(parseRange('BOX09..BOX100')).toEqual({ kind: 'invalid', reason: '"BOX09" and "BOX100" have numbers of different widths (2 and 3 digits)' });
  });

  it('refuses a range that overflows the digit width, naming where it would end', () => {
    expect(parseRange('SN-9998 +5')).toEqual({
      kind: 'invalid',
      reason: 'the range overflows its 4-digit number: 5 values from "SN-9998" would end at "SN-10002"',
    });
    expect(parseRange('SN-9998 +2').kind).toBe('range');
  });

  it('refuses backwards, mismatched, number-less and oversized ranges', () => {
    expect(parseRange('SN-0010..SN-0001')).toEqual({ kind: 'invalid', reason: 'the last value "SN-0001" comes before the first "SN-0010"' });
    expect(parseRange('AB-01..CD-09')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('differ in more than their number') });
    expect(parseRange('ABC..DEF')).toMatchObject({ kind: 'invalid', reason: '"ABC" has no number to count with' });
    expect(parseRange('ABC +3')).toMatchObject({ kind: 'invalid', reason: 'the first value "ABC" has no number to count up from' });
    expect(parseRange(`X0 +${MAX_RANGE_COUNT + 1}`)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('more than 100,000 values') });
    expect(parseRange('SN +0')).toMatchObject({ kind: 'invalid' });
  });

  it('leaves ordinary values alone', () => {
    for (const value of ['SN-0001', '356938035643809', 'A+B', 'v1.2', 'SN+5']) expect(parseRange(value)).toEqual({ kind: 'none' });
  });
});

describe('rangeCollisions', () => {
  it('names the values already taken, in order, with the total', () => {
    const values = expandRange(rangeOf(parseRange('SN-0001 +10')));
    const taken = new Set(['SN-0003', 'SN-0007', 'OTHER']);
    const found = rangeCollisions(values, (v) => taken.has(v));
    expect(found).toEqual({ count: 2, examples: ['SN-0003', 'SN-0007'] });
    expect(describeCollisions(found, 'held by this product')).toBe('"SN-0003" and "SN-0007" are already held by this product');
    const many = rangeCollisions(values, () => true, 2);
    expect(describeCollisions(many, 'held by this product')).toBe('10 of its values are already held by this product ("SN-0001", "SN-0002", …)');
  });
});

describe('parseRange: a count with its thousands separated', () => {
  it('reads "+1,000" as the bench writes counts, and refuses misplaced separators (never a value with " +" in it)', () => {
    expect(describeRange(rangeOf(parseRange('SN-00001 +1,000')))).toBe('SN-00001 … SN-01000 (1,000 values)');
    expect(parseRange('SN-00001 +1,00')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('the count "1,00" is not a whole number') });
    expect(parseRange('SN-1 +100,000,000')).toMatchObject({ kind: 'invalid', reason: 'the count 100,000,000 is more than 100,000 values' });
    expect(parseRange('SN-1 +99999999999999999999')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('is more than 100,000 values') });
  });
});
