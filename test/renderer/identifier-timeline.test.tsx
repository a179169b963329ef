// @vitest-environment happy-dom
/**
 * An identifier's history in the lookup: a history cut at its most steps says how many are shown
 * with the thousands separated ("the first 1,000 steps"), as every count read to a packer is.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { IdentifierTimeline } from '../../renderer/screens/lookup/IdentifierTimeline.js';
import { MAX_HISTORY_EVENTS, type IdentifierEvent } from '../../shared/contract/trace-schemas.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();

const event = (i: number): IdentifierEvent => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  kind: i % 2 ? 'allocated' : 'cleared',
  sku: 'CTN-1',
  value: 'LOT-1',
  stationId: 'bench-1',
  stationName: 'Bench 1',
  actor: '',
  orderNumber: `SO-${i}`,
  lineNo: 1,
  unit: 1,
  detail: null,
});

describe('the identifier history', () => {
  it('a history cut at its most steps says "Only the first 1,000 steps are shown."', () => {
    const { container, root } = mounted();
    const events = Array.from({ length: MAX_HISTORY_EVENTS }, (_, i) => event(i));
    act(() => root.render(<IdentifierTimeline events={events} truncated label="History of LOT-1 (CTN-1)" />));
    expect(MAX_HISTORY_EVENTS).toBe(1000);
    expect(container.querySelectorAll('li')).toHaveLength(1000);
    expect(container.textContent).toContain('Only the first 1,000 steps are shown.');
  });
});
