import type { OrderSummary } from '../../../../shared/contract/api.js';
import { counted, formatCount } from '../../../components/format-count.js';

/** How a row says, in words, what its units still need. */
export function identifierProgress(order: OrderSummary): string {
  if (order.trackedUnitsRemaining === 0) return 'No identifiers needed';
  if (order.unitsMissingIdentifiers === 0) return 'Identifiers allocated';
  const verb = order.unitsMissingIdentifiers === 1 ? 'needs' : 'need';
  return `${formatCount(order.unitsMissingIdentifiers)} of ${counted(order.trackedUnitsRemaining, 'unit', 'units')} ${verb} identifiers`;
}
