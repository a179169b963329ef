/**
 * What "Dispatch identifiers saved" says after Save Changes: against which of the selected orders the
 * identifiers were saved, so a packer who changed one of several orders is not told all were changed.
 */
import { listedInWords, withThousands } from '../../../../shared/domain/counted.js';

/** Order numbers named in the message; more are counted ("and 3 more"). */
const NAMED_ORDERS = 5;

/**
 * `selected`: the orders of the dialog still awaiting dispatch; `changed`: units saved; `changedOrders`:
 * the orders those units are on, or null when the core chose some itself (FEFO) and did not say where.
 */
export function savedMessage(selected: string[], changed: number, changedOrders: string[] | null): string {
  const against = selected.length === 1 ? `order ${selected[0]}` : `the ${withThousands(selected.length)} selected orders`;
  if (changed === 0) return `No identifiers were changed for ${against}.`;
  if (changedOrders === null || changedOrders.length >= selected.length) return `The dispatch identifiers have been saved against ${against}.`;
  const others = selected.length - changedOrders.length;
  const saved = changedOrders.length === 1 ? `order ${changedOrders[0]}` : `orders ${listedInWords(changedOrders, NAMED_ORDERS)}`;
  return `The dispatch identifiers have been saved against ${saved}; nothing was changed for the other ${others === 1 ? 'selected order' : `${withThousands(others)} selected orders`}.`;
}
