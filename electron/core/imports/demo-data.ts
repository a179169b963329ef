/**
 * A small, realistic first-run data set, produced as the same CSV files a warehouse would import,
 * so demo data goes through (and exercises) the one import path. Loading it twice the same day changes
 * nothing; the yoghurt's use-by values are dated from that day, so a first run never shows them past.
 */
import { addDays, localToday } from '../../../shared/identifiers/use-by-dates.js';

const PRODUCTS = [
  ['PHN-X1', 'Phone X1 128GB Black', '5012345000015', 'single_use', 12],
  ['TAB-10', 'Tablet 10in Wi-Fi', '5012345000022', 'single_use', 6],
  ['YOG-500', 'Greek Yoghurt 500g', '5012345000039', 'multiple_use', 48],
  ['BAT-AA', 'AA Batteries 4-pack (lot coded)', '5012345000046', 'multiple_use', 120],
  ['CBL-USB', 'USB-C Cable 1m', '5012345000053', 'none', 300],
  ['CHG-20W', 'Wall Charger 20W', '5012345000060', 'none', 80],
] as const;

function imei(n: number): string {
  return `35693803${String(564000 + n).padStart(7, '0')}`;
}

function csv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\n') + '\n';
}

/** `today`: the bench's day (benchDates), from which the yoghurt's use-by values are dated. */
export function demoCsvFiles(today: string = localToday()): Array<{ name: string; content: string }> {
  const identifiers: Array<[string, string]> = [];
  for (let i = 1; i <= 12; i++) identifiers.push(['PHN-X1', imei(i)]);
  for (let i = 1; i <= 6; i++) identifiers.push(['TAB-10', `TAB10-SN-${String(i).padStart(4, '0')}`]);
  for (const weeks of [1, 2, 3]) identifiers.push(['YOG-500', `USE BY ${addDays(today, 7 * weeks)}`]);
  for (const lot of ['LOT-A1', 'lot-a1', 'LOT-B7']) identifiers.push(['BAT-AA', lot]);

  const customers = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Tim Berners-Lee', 'Hedy Lamarr'];
  const orders: Array<[string, string, string, number]> = [];
  for (let n = 0; n < 30; n++) {
    const orderNumber = `SO-${1001 + n}`;
    const customer = customers[n % customers.length]!;
    const pattern = n % 5;
    if (pattern === 0) orders.push([orderNumber, customer, 'PHN-X1', 1], [orderNumber, customer, 'CBL-USB', 1]);
    if (pattern === 1) orders.push([orderNumber, customer, 'YOG-500', 3]);
    if (pattern === 2) orders.push([orderNumber, customer, 'CHG-20W', 2]);
    if (pattern === 3) orders.push([orderNumber, customer, 'TAB-10', 1], [orderNumber, customer, 'BAT-AA', 2], [orderNumber, customer, 'CHG-20W', 1]);
    if (pattern === 4) orders.push([orderNumber, customer, 'CBL-USB', 4], [orderNumber, customer, 'BAT-AA', 1]);
  }
  return [
    { name: 'products.csv', content: csv([['sku', 'title', 'barcode', 'identifier_mode', 'stock_level'], ...PRODUCTS]) },
    { name: 'identifiers.csv', content: csv([['sku', 'identifier'], ...identifiers]) },
    { name: 'orders.csv', content: csv([['order_number', 'customer', 'sku', 'quantity'], ...orders]) },
  ];
}
