/**
 * Child process for the durability test: opens a bench file and writes in a loop through the use
 * cases (import an order, allocate its identifiers, complete it; now and then a stock increase),
 * printing one line after each committed call. The test kills it with SIGKILL mid-loop.
 * Usage: node --import tsx test/core/durability-writer.ts <bench file> <first step> [<last step> [shared-start|shared-end]]
 * "shared-…": two writers share the file at once (like the app and the CLI): each takes identifiers
 * from its own end of the list and neither sets the stock level (an absolute value read earlier).
 */
import { writeSync } from 'node:fs';
import { openBenchCore } from '../../electron/core/bench-core.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import { openStoreReader } from '../support/store.js';

const [file, firstArg] = process.argv.slice(2);
if (!file) throw new Error('usage: durability-writer <bench file> <first step>');
const first = Number(firstArg ?? 0);
const last = Number(process.argv[4] ?? Number.POSITIVE_INFINITY);
const shared = process.argv[5]?.startsWith('shared-') ?? false;
const fromEnd = process.argv[5] === 'shared-end';
const core = openBenchCore({ file, stationName: 'durability' });
// Looks at rows through its own read-only connection; writes go through the contract.
const db = openStoreReader(file);
const productId = (sku: string) => db.prepare('SELECT id FROM products WHERE sku = ?').pluck().get(sku) as number;
const su = productId('D-SU');
const lineIds = db.prepare('SELECT l.id FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_number = ? ORDER BY l.line_no').pluck();
const orderId = db.prepare('SELECT id FROM orders WHERE order_number = ?').pluck();
const availableSu = db
  .prepare(`SELECT value FROM identifiers WHERE product_id = ? AND status = 'available' ORDER BY id ${fromEnd ? 'DESC' : ''} LIMIT 2`)
  .pluck();

function call(method: string, args: unknown): unknown {
  const result = invokeBenchMethod(core, method, args, (message, error) => {
    throw new Error(`${message}: ${String(error)}`);
  });
  if (!result.ok) throw new Error(`${method} refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Printed only after the call returned, i.e. after its transaction committed. Pipes are synchronous on Linux. */
function report(line: string): void {
  writeSync(1, `${line}\n`);
}

for (let step = first; step <= last; step++) {
  const number = `W-${step}`;
  call('importCsv', {
    files: [{ name: 'orders.csv', content: `order_number,customer,sku,quantity\n${number},Cust ${step},D-SU,2\n${number},Cust ${step},D-MU,1\n${number},Cust ${step},D-NONE,1\n` }],
  });
  report(`IMPORT ${step}`);
  const [suLine, muLine, noneLine] = lineIds.all(number) as number[];
  const [v1, v2] = availableSu.all(su) as string[];
  if (!v2) {
    report('EXHAUSTED');
    break;
  }
  call('saveAllocations', {
    allocations: [
      { lineId: suLine, unit: 1, value: v1 },
      { lineId: suLine, unit: 2, value: v2 },
      { lineId: muLine, unit: 1, value: `LOT-${step % 3}` },
    ],
  });
  report(`ALLOC ${step}`);
  call('completeOrder', {
    orderId: orderId.get(number),
    lines: [{ lineId: suLine, quantity: 2 }, { lineId: muLine, quantity: 1 }, { lineId: noneLine, quantity: 1 }],
  });
  report(`DISPATCH ${step}`);
  if (step % 3 === 0 && !shared) {
    const stock = db.prepare('SELECT stock_level FROM products WHERE id = ?').pluck().get(su) as number;
    call('changeStockLevel', { productId: su, newStockLevel: stock + 1, newIdentifiers: [`NEW-${step}`] });
    report(`STOCK ${step}`);
  }
}
report('DONE');
db.close();
core.close();
