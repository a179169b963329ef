/** Reads the allocation sheet (and the units dispatched) for any number of orders, in the chunks the contract allows. */
import type { AllocationSheet, BenchApi, ResultOf } from '../../../../shared/contract/api.js';
import type { Result } from '../../../../shared/contract/result.js';
import { MAX_ORDERS_PER_ALLOCATION_CALL as MAX_ORDERS_PER_CALL, MAX_ORDERS_PER_DISPATCHED_UNITS_READ } from '../../../../shared/contract/schemas.js';

export async function loadAllocationSheet(api: BenchApi, orderIds: readonly number[]): Promise<Result<AllocationSheet>> {
  const orders: AllocationSheet['orders'] = [];
  for (let start = 0; start < orderIds.length; start += MAX_ORDERS_PER_CALL) {
    const result = await api.getAllocationSheet({ orderIds: orderIds.slice(start, start + MAX_ORDERS_PER_CALL) });
    if (!result.ok) return result;
    orders.push(...result.value.orders);
  }
  return { ok: true, value: { orders } };
}

/**
 * The units dispatched per line of any number of orders (those with some), in the parts one read
 * carries (MAX_ORDERS_PER_DISPATCHED_UNITS_READ): one call per part, never one per order.
 */
export async function loadDispatchedUnits(api: BenchApi, orderIds: readonly number[]): Promise<Result<ResultOf<'getDispatchedUnits'>['orders']>> {
  const orders: ResultOf<'getDispatchedUnits'>['orders'] = [];
  for (let start = 0; start < orderIds.length; start += MAX_ORDERS_PER_DISPATCHED_UNITS_READ) {
    const result = await api.getDispatchedUnits({ orderIds: orderIds.slice(start, start + MAX_ORDERS_PER_DISPATCHED_UNITS_READ) });
    if (!result.ok) return result;
    orders.push(...result.value.orders);
  }
  return { ok: true, value: orders };
}
