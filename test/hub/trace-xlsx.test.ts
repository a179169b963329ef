/**
 * The hub's Excel downloads (real PostgreSQL, real HTTP): GET /v1/trace.xlsx and GET /v1/dispatches.xlsx
 * answer what their .csv twins answer (same parameters, tokens, columns, row order, file name rule) as a
 * workbook whose identifiers are text cells, so Excel keeps a 15-digit IMEI and "00123" exactly; a
 * result larger than a sheet is refused with a JSON 400 before any workbook byte is sent.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Hub, StartHubOptions } from '../../hub/hub.js';
import { call, type BenchClient } from '../../hub/testing/client.js';
import type { SyncOp } from '../../shared/sync/ops.js';
import { unguardCell } from '../../shared/trace/csv-safety.js';
import { RECALL_XLSX_COLUMNS } from '../../shared/trace/csv-format.js';
import { RECALL_CSV_COLUMNS } from '../../shared/trace/recall-query.js';
import { readWorkbook, type Cell } from '../support/xlsx-read.js';
import { integration, order, product, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMEI = '356938035643809';
/** A CSV opened in Excel turns these into 3.56938E+14, 123, a formula and 100000. */
const VALUES = [IMEI, '00123', '=1+1', '1E5'];
const HEADERS = RECALL_CSV_COLUMNS.map((c) => c.header);
/** The workbook's: the CSV's, the dispatch time's zone named (its cells are dates, which hold none). */
const XLSX_HEADERS = RECALL_XLSX_COLUMNS.map((c) => c.header);
const LETTERS = HEADERS.map((_, i) => String.fromCharCode(65 + i));
/** Columns holding date cells: Excel's day numbers, read back as the CSV's ISO text to compare. */
const DATE_COLUMNS = new Set(RECALL_CSV_COLUMNS.flatMap((c, i) => (c.key === 'dispatchedAt' || c.key === 'useBy' ? [LETTERS[i]!] : [])));
const isoOfSerial = (serial: string, letter: string) => {
  const iso = new Date(Math.round((Number(serial) - 25_569) * 86_400_000)).toISOString();
  return RECALL_CSV_COLUMNS[LETTERS.indexOf(letter)]!.key === 'useBy' ? iso.slice(0, 10) : iso;
};

const set = (orderNumber: string, unit: number, value: string): SyncOp => ({ type: 'allocation.set', orderNumber, lineNo: 1, unit, sku: 'PHN', value });
const dispatch = (orderNumber: string, values: string[]): SyncOp => ({
  type: 'order.dispatch',
  orderNumber,
  dispatchUid: `${orderNumber}-d`,
  lines: [{ lineNo: 1, sku: 'PHN', quantity: values.length, units: values.map((value, i) => ({ unit: i + 1, value })) }],
});

async function pushAt(bench: BenchClient, at: string, ...ops: SyncOp[]) {
  expect((await bench.pushEntries(bench.entries(ops).map((e) => ({ ...e, at })))).status).toBe(200);
}

/** A warehouse with VALUES dispatched on two orders (SO-2 first by value, SO-1 first by time), and its order system. */
async function seeded(options: StartHubOptions = {}) {
  const hub = await fx.hub(options);
  const [bench] = await warehouse(hub, 'North', ['bench-a']);
  await bench!.push(product('PHN'), { type: 'identifier.add', sku: 'PHN', values: VALUES }, order('SO-1', ['PHN', 2]), order('SO-2', ['PHN', 2]));
  await pushAt(bench!, '2026-03-02T10:00:00.000Z', set('SO-1', 1, '=1+1'), set('SO-1', 2, IMEI), dispatch('SO-1', ['=1+1', IMEI]));
  await pushAt(bench!, '2026-03-05T10:00:00.000Z', set('SO-2', 1, '00123'), set('SO-2', 2, '1E5'), dispatch('SO-2', ['00123', '1E5']));
  const oms = await integration(hub, 'North');
  return { hub, bench: bench!, oms };
}

const get = (hub: Hub, token: string, path: string) => fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

/** The .csv twin's rows, values unguarded: what the workbook must hold, cell for cell. */
async function csvRows(hub: Hub, token: string, path: string): Promise<string[][]> {
  const response = await get(hub, token, path);
  expect(response.status).toBe(200);
  const [header, ...records] = parse(Buffer.from(await response.arrayBuffer()), { bom: true }) as string[][];
  expect(header).toEqual(HEADERS);
  return records.map((r) => r.map((cell) => unguardCell(cell)));
}

/** Downloads an .xlsx route; checks type and file name; returns its sheet's rows as texts (and the cells). */
async function xlsxOf(hub: Hub, token: string, path: string, fileName: RegExp) {
  const response = await get(hub, token, path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
  expect(response.headers.get('content-disposition')).toMatch(fileName);
  const { rows } = readWorkbook(new Uint8Array(await response.arrayBuffer()));
  const [header, ...records] = rows;
  expect(LETTERS.map((l) => header!.get(l)?.text)).toEqual(XLSX_HEADERS);
  for (const c of header!.values()) expect(c).toMatchObject({ type: 'inlineStr', style: '1' });
  for (const r of records) for (const l of DATE_COLUMNS) if (r.get(l)) expect(r.get(l)!.type, `${l}: a date cell`).toBeNull();
  const text = (cell: Cell | undefined, l: string) => (cell === undefined ? '' : DATE_COLUMNS.has(l) ? isoOfSerial(cell.text, l) : cell.text);
  return { records, texts: records.map((r) => LETTERS.map((l) => text(r.get(l), l))) };
}

const DAY = String.raw`\d{4}-\d{2}-\d{2}`;

describe('Excel downloads at the hub', () => {
  it('GET /v1/trace.xlsx: the recall CSV as a workbook, identifiers as exact text cells, for an integration or a bench token', async () => {
    const { hub, bench, oms } = await seeded();
    const { records, texts } = await xlsxOf(hub, oms.token, '/v1/trace.xlsx?sku=PHN', new RegExp(`^attachment; filename="recall-PHN-${DAY}\\.xlsx"$`));
    // The same rows in the same order as the CSV (by value), cell for cell.
    expect(texts).toEqual(await csvRows(hub, oms.token, '/v1/trace.csv?sku=PHN'));
    expect(texts.map((r) => r[0])).toEqual(['00123', '1E5', IMEI, '=1+1']);
    for (const r of records) expect(r.get('A')!.type).toBe('inlineStr');
    const imei = records.find((r) => r.get('A')!.text === IMEI)!;
    expect(imei.get('A')).toEqual({ type: 'inlineStr', style: null, text: '356938035643809' });
    expect(records[0]!.get('A')).toEqual({ type: 'inlineStr', style: null, text: '00123' });
    // No CSV formula guard in a workbook: the value as dispatched.
    expect(records[3]!.get('A')!.text).toBe('=1+1');
    // Line and unit stay numbers.
    expect(imei.get('F')).toEqual({ type: null, style: null, text: '2' });
    // The recall parameters apply as to the CSV; the file is named by the same rule.
    const exact = await xlsxOf(hub, bench.token, `/v1/trace.xlsx?match=exact&value=${IMEI}`, new RegExp(`filename="recall-${IMEI}-${DAY}\\.xlsx"`));
    expect(exact.texts).toEqual(await csvRows(hub, bench.token, `/v1/trace.csv?match=exact&value=${IMEI}`));
    expect(exact.texts.map((r) => [r[0], r[2]])).toEqual([[IMEI, 'SO-1']]);
    // No token: 401, as the CSV.
    expect((await fetch(`${hub.url}/v1/trace.xlsx`)).status).toBe(401);
  });

  it('GET /v1/dispatches.xlsx: the dispatch history CSV as a workbook, in dispatch order, for the order system only', async () => {
    const { hub, bench, oms } = await seeded();
    const { records, texts } = await xlsxOf(hub, oms.token, '/v1/dispatches.xlsx', new RegExp(`^attachment; filename="dispatches-all-${DAY}\\.xlsx"$`));
    expect(texts).toEqual(await csvRows(hub, oms.token, '/v1/dispatches.csv'));
    expect(texts.map((r) => [r[0], r[2]])).toEqual([['=1+1', 'SO-1'], [IMEI, 'SO-1'], ['00123', 'SO-2'], ['1E5', 'SO-2']]);
    expect(records[1]!.get('A')).toEqual({ type: 'inlineStr', style: null, text: IMEI });
    expect(records[2]!.get('A')).toEqual({ type: 'inlineStr', style: null, text: '00123' });
    const filtered = await xlsxOf(hub, oms.token, '/v1/dispatches.xlsx?sku=PHN&from=2026-03-05', new RegExp(`filename="dispatches-PHN-${DAY}\\.xlsx"`));
    expect(filtered.texts).toEqual(await csvRows(hub, oms.token, '/v1/dispatches.csv?sku=PHN&from=2026-03-05'));
    expect(filtered.texts.map((r) => r[0])).toEqual(['00123', '1E5']);
    // A bench token does not get the order system's feed, as for the CSV.
    expect((await get(hub, bench.token, '/v1/dispatches.xlsx')).status).toBe(403);
  });

  it('refuses an unknown or repeated parameter and a bad value exactly as the .csv twin does, naming the .xlsx route', async () => {
    const { hub, oms } = await seeded();
    const cases: [csv: string, xlsx: string][] = [
      ['/v1/trace.csv?value=SN&cursor=abc', '/v1/trace.xlsx?value=SN&cursor=abc'],
      ['/v1/trace.csv?vaule=SN', '/v1/trace.xlsx?vaule=SN'],
      ['/v1/trace.csv?sku=A&sku=B', '/v1/trace.xlsx?sku=A&sku=B'],
      ['/v1/trace.csv?match=exact', '/v1/trace.xlsx?match=exact'],
      ['/v1/dispatches.csv?skus=P', '/v1/dispatches.xlsx?skus=P'],
      ['/v1/dispatches.csv?limit=10', '/v1/dispatches.xlsx?limit=10'],
      ['/v1/dispatches.csv?from=yesterday', '/v1/dispatches.xlsx?from=yesterday'],
    ];
    for (const [csvPath, xlsxPath] of cases) {
      const csv = await call<{ error: string; message: string }>(hub.url, oms.token, 'GET', csvPath);
      const xlsx = await call<{ error: string; message: string }>(hub.url, oms.token, 'GET', xlsxPath);
      expect(csv.status, csvPath).toBe(400);
      const route = (path: string) => path.slice(0, path.indexOf('?'));
      expect(xlsx, xlsxPath).toEqual({ status: 400, body: { error: csv.body.error, message: csv.body.message.replaceAll(route(csvPath), route(xlsxPath)) } });
    }
    const unknown = await call<{ message: string }>(hub.url, oms.token, 'GET', '/v1/trace.xlsx?value=SN&cursor=abc');
    expect(unknown.body.message).toBe('cursor: not a parameter of /v1/trace.xlsx. It takes match, value, sku, skuMatch, from, to, lot, useByFrom, useByTo');
  });

  it('refuses a result larger than a sheet with a JSON 400 naming the limit and the .csv route, before any workbook byte; one that fits exactly is sent', async () => {
    // A sheet of 4 rows: the header and 3 below it. The warehouse holds 5 dispatched units, 3 of them from 5 March.
    const { hub, bench, oms } = await seeded({ xlsxMaxRows: 4 });
    await bench.push({ type: 'identifier.add', sku: 'PHN', values: ['X-9'] }, order('SO-3', ['PHN', 1]));
    await pushAt(bench, '2026-03-07T10:00:00.000Z', set('SO-3', 1, 'X-9'), dispatch('SO-3', ['X-9']));
    for (const [route, csvRoute] of [['/v1/trace.xlsx?sku=PHN', '/v1/trace.csv'], ['/v1/dispatches.xlsx', '/v1/dispatches.csv']] as const) {
      const response = await get(hub, oms.token, route);
      expect(response.status, route).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBeNull();
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 2)]).not.toEqual([0x50, 0x4b]);
      expect(JSON.parse(bytes.toString('utf8'))).toEqual({
        error: 'bad_request',
        message: `this result has 5 rows: more than an Excel sheet holds (3 rows below its header); nothing was sent. Download ${csvRoute} with the same parameters instead, or narrow the search`,
      });
      // The CSV twin has no such limit.
      expect(await csvRows(hub, oms.token, route.replace('.xlsx', '.csv'))).toHaveLength(5);
    }
    // Three rows below the header fit exactly.
    const trace = await xlsxOf(hub, oms.token, '/v1/trace.xlsx?sku=PHN&from=2026-03-05', new RegExp(`filename="recall-PHN-dispatched-from-2026-03-05-${DAY}\\.xlsx"`));
    expect(trace.texts.map((r) => r[0])).toEqual(['00123', '1E5', 'X-9']);
    const dispatches = await xlsxOf(hub, oms.token, '/v1/dispatches.xlsx?from=2026-03-05', new RegExp(`filename="dispatches-all-${DAY}\\.xlsx"`));
    expect(dispatches.texts.map((r) => r[0])).toEqual(['00123', '1E5', 'X-9']);
  });
});
