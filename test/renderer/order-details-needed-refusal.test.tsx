// @vitest-environment happy-dom
/**
 * "Complete Order" on the order page refused for want of identifiers is a refusal like any other:
 * it beeps, and "Add", which takes the focus, is described by what the box says is missing, so a
 * packer listening hears which units need identifiers, not only "Add, button".
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { openTestBench } from '../core/helpers.js';
import { settle } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';
import { renderOrderDetails } from './order-details-mount.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name)!;

describe('order details, "Complete Order" with identifiers missing', () => {
  it('beeps and gives "Add" the focus described by the units still missing', async () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 3, ['SN-1', 'SN-2', 'SN-3']);
    const order = bench.order('SO-1', [['PHN-1', 2]]);
    await renderOrderDetails(mounted().root, bench, order.id);
    await act(async () => button('Complete Order').click());
    await settle();
    await beeps.played();

    const add = button('Add');
    expect(document.activeElement).toBe(add);
    const described = (add.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    expect(described).toBe('Add identifiers for PHN-1 units 1, 2 before completing the order.');
    expect(beeps.count()).toBe(1);
    expect(bench.core.getOrder({ orderId: order.id }).status).toBe('awaiting');
  });
});
