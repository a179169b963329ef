/**
 * What "Dispatch identifiers saved" says after Save Changes: against which of the selected orders the
 * identifiers were saved, so a packer who changed one of several orders is not told all were changed.
 */
import { withThousands } from '../../../../shared/domain/counted.js';

/** Order numbers named in the message; more are counted ("and 3 more"). */
const NAMED_ORDERS = 5;

function listed(orderNumbers: string[]): string {
  const named = orderNumbers.slice(0, NAMED_ORDERS);
  const more = orderNumbers.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${withThousands(more)} more`;
  return named.length < 2 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/**
 * `selected`: the orders of the dialog still awaiting dispatch; `changed`: units saved; `changedOrders`:
 * the orders those units are on, or null when the core chose some itself (FEFO) and did not say where.
 */
export function savedMessage(selected: string[], changed: number, changedOrders: string[] | null): string {
  const against = selected.length === 1 ? `order ${selected[0]}` : `the ${withThousands(selected.length)} selected orders`;
  if (changed === 0) return `No identifiers were changed for ${against}.`;
  if (changedOrders === null || changedOrders.length >= selected.length) return `The dispatch identifiers have been saved against ${against}.`;
  const others = selected.length - changedOrders.length;
  const saved = changedOrders.length === 1 ? `order ${changedOrders[0]}` : `orders ${listed(changedOrders)}`;
  return `The dispatch identifiers have been saved against ${saved}; nothing was changed for the other ${others === 1 ? 'selected order' : `${withThousands(others)} selected orders`}.`;
}
