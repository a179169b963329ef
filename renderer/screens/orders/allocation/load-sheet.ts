/** Reads the allocation sheet for any number of orders, in the chunks the contract allows. */
import type { AllocationSheet, BenchApi } from '../../../../shared/contract/api.js';
import type { Result } from '../../../../shared/contract/result.js';
import { MAX_ORDERS_PER_ALLOCATION_CALL as MAX_ORDERS_PER_CALL } from '../../../../shared/contract/schemas.js';

export async function loadAllocationSheet(api: BenchApi, orderIds: readonly number[]): Promise<Result<AllocationSheet>> {
  const orders: AllocationSheet['orders'] = [];
  for (let start = 0; start < orderIds.length; start += MAX_ORDERS_PER_CALL) {
    const result = await api.getAllocationSheet({ orderIds: orderIds.slice(start, start + MAX_ORDERS_PER_CALL) });
    if (!result.ok) return result;
    orders.push(...result.value.orders);
  }
  return { ok: true, value: { orders } };
}
