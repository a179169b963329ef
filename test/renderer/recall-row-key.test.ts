/**
 * Recall's row key: rows that differ in any part get different keys, even when order numbers and
 * values hold the separator (a clash makes React drop or repeat rows).
 */
import { describe, expect, it } from 'vitest';
import { recallRowKey } from '../../renderer/screens/recall/recall-row-key.js';

describe('recallRowKey', () => {
  it('tells apart rows whose hyphenated order numbers and values would join to the same text', () => {
    const first = recallRowKey({ orderNumber: 'SO-4', lineNo: 2, unit: 3, value: 'LOT-9' });
    const second = recallRowKey({ orderNumber: 'SO', lineNo: 4, unit: 2, value: '3-LOT-9' });
    expect(first).not.toBe(second);
  });

  it('gives the same row the same key', () => {
    const row = { orderNumber: 'SO-4', lineNo: 2, unit: 3, value: 'LOT-9' };
    expect(recallRowKey({ ...row })).toBe(recallRowKey(row));
  });
});
