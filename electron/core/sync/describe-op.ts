/** Sync ops in words a packer understands (conflict list, audit). */
import type { SyncOp } from '../../../shared/sync/ops.js';
import { counted, withThousands } from '../../../shared/domain/counted.js';

const plural = (n: number, one: string, many = `${one}s`) => counted(n, one, many);

export function describeOp(op: SyncOp): string {
  switch (op.type) {
    case 'product.upsert':
      return `Saving product ${op.sku} ("${op.title}")`;
    case 'product.mode':
      return `Changing the identifier mode of ${op.sku} to ${op.identifierMode}`;
    case 'stock.delta':
      return `Changing the stock of ${op.sku} by ${op.delta > 0 ? '+' : op.delta < 0 ? '-' : ''}${withThousands(Math.abs(op.delta))}`;
    case 'stock.count':
      return `Setting the stock of ${op.sku} to the ${withThousands(op.level)} counted at ${op.countedAt}`;
    case 'identifier.add':
      return `Adding ${plural(op.values.length, 'identifier')} to ${op.sku}${op.values.length <= 3 ? ` (${op.values.map((v) => `"${v}"`).join(', ')})` : ''}`;
    case 'identifier.rename':
      return `Changing identifier "${op.from}" of ${op.sku} to "${op.to}"`;
    case 'identifier.remove':
      return `Removing ${plural(op.values.length, 'identifier')} from ${op.sku}${op.values.length <= 3 ? ` (${op.values.map((v) => `"${v}"`).join(', ')})` : ''}`;
    case 'identifier.use_by': {
      const first = op.dates[0]!;
      return op.dates.length === 1
        ? `${first.useBy ? `Setting the use-by date of lot "${first.value}" of ${op.sku} to ${first.useBy}` : `Clearing the use-by date of lot "${first.value}" of ${op.sku}`}`
        : `Setting the use-by dates of ${plural(op.dates.length, 'lot')} of ${op.sku}`;
    }
    case 'order.upsert':
      return `Saving order ${op.orderNumber} (${plural(op.lines.length, 'line')})`;
    case 'allocation.set':
      return `Allocating "${op.value}" to order ${op.orderNumber} line ${op.lineNo} (${op.sku}) unit ${op.unit}`;
    case 'allocation.clear':
      return `Clearing the identifier of order ${op.orderNumber} line ${op.lineNo} unit ${op.unit}`;
    case 'order.dispatch': {
      const units = op.lines.reduce((n, l) => n + l.quantity, 0);
      return `Dispatching ${plural(units, 'unit')} of order ${op.orderNumber}`;
    }
  }
}
