import { describe, expect, it } from 'vitest';
import { call } from '../../hub/testing/client.js';
import { order, product, stockOf, useHubFixture, warehouse } from './fixture.js';

const fx = useHubFixture();

describe('push', () => {
  it('applies ops in order and answers each', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const answer = await bench!.push(
      product('P1'),
      { type: 'identifier.add', sku: 'P1', values: ['IMEI-1', 'imei-1'] },
      { type: 'stock.delta', sku: 'P1', delta: 2 },
    );
    expect(answer).toEqual({
      stationId: 'A',
      lastSeq: 3,
      results: [
        { seq: 1, status: 'applied' },
        { seq: 2, status: 'applied' },
        { seq: 3, status: 'applied' },
      ],
    });
    const sql = await fx.sql(hub);
    // Case sensitive: "IMEI-1" and "imei-1" are two identifiers.
    const ids = await sql.query('SELECT value FROM identifiers ORDER BY value');
    expect(ids.rows.map((r) => r.value)).toEqual(['IMEI-1', 'imei-1']);
    expect(await stockOf(sql, 'P1')).toBe(2);
  });

  it('answers a retried push "duplicate" and changes nothing', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const entries = bench!.entries([product('P1'), { type: 'stock.delta', sku: 'P1', delta: 5 }]);
    expect((await bench!.pushEntries(entries)).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const again = await bench!.pushEntries(entries);
    expect(again.status).toBe(200);
    expect(again.body.results).toEqual([
      { seq: 1, status: 'duplicate' },
      { seq: 2, status: 'duplicate' },
    ]);
    expect(await stockOf(await fx.sql(hub), 'P1')).toBe(5);
  });

  it('refuses a request with an entry missing at, actor or op whole, naming the entry and the field; nothing is applied and no seq is used', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const entries = bench!.entries([product('P1'), { type: 'stock.delta', sku: 'P1', delta: 5 }]);
    for (const field of ['at', 'actor', 'op'] as const) {
      const { [field]: _left, ...without } = entries[1]!;
      const answer = await call<{ error: string; message: string }>(hub.url, bench!.token, 'POST', '/v1/push', { stationId: 'A', entries: [entries[0], without] });
      expect(answer).toEqual({ status: 400, body: { error: 'bad_request', message: `entries.1.${field}: ${field} is missing` } });
    }
    const sql = await fx.sql(hub);
    expect((await sql.query('SELECT sku FROM products')).rows).toEqual([]);
    // The same entries, whole, are the next seqs: each applies.
    expect((await bench!.pushEntries(entries)).body).toMatchObject({ lastSeq: 2, results: [{ seq: 1, status: 'applied' }, { seq: 2, status: 'applied' }] });
    expect(await stockOf(sql, 'P1')).toBe(5);
  });

  it('stops at a gap and answers the rest "not applied"', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const [first, second, third, fourth] = bench!.entries([
      product('P1'),
      { type: 'stock.delta', sku: 'P1', delta: 1 },
      { type: 'stock.delta', sku: 'P1', delta: 10 },
      { type: 'stock.delta', sku: 'P1', delta: 100 },
    ]);
    const answer = await bench!.pushEntries([first!, third!, fourth!]);
    expect(answer.body.lastSeq).toBe(1);
    expect(answer.body.results).toEqual([
      { seq: 1, status: 'applied' },
      { seq: 3, status: 'not_applied', reason: 'gap: the hub expects seq 2 next', expectedSeq: 2 },
      { seq: 4, status: 'not_applied', reason: 'gap: the hub expects seq 2 next', expectedSeq: 2 },
    ]);
    const sql = await fx.sql(hub);
    expect(await stockOf(sql, 'P1')).toBe(0);
    // A request that starts past the expected seq (nothing of it applied) says the same, once it has
    // waited for an earlier request that never comes.
    const overtaking = await bench!.pushEntries([third!, fourth!]);
    expect(overtaking.body.lastSeq).toBe(1);
    expect(overtaking.body.results.map((r) => [r.status, r.expectedSeq])).toEqual([
      ['not_applied', 2],
      ['not_applied', 2],
    ]);
    // Filling the gap takes the rest, and the first one again is a duplicate.
    const rest = await bench!.pushEntries([first!, second!, third!, fourth!]);
    expect(rest.body.results.map((r) => r.status)).toEqual(['duplicate', 'applied', 'applied', 'applied']);
    expect(await stockOf(sql, 'P1')).toBe(111);
  });

  it('applies a request that overtook the one before it once that one arrives (a pipelining bench)', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    await bench!.push(product('P1'));
    const earlier = bench!.entries([{ type: 'stock.delta', sku: 'P1', delta: 1 }, { type: 'stock.delta', sku: 'P1', delta: 10 }]);
    const later = bench!.entries([{ type: 'stock.delta', sku: 'P1', delta: 100 }]);
    // The later request is sent first: it finds a gap, and waits for its turn instead of answering it.
    const laterAnswer = bench!.pushEntries(later);
    const earlierAnswer = bench!.pushEntries(earlier);
    expect((await earlierAnswer).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await laterAnswer).body).toEqual({ stationId: 'A', lastSeq: 4, results: [{ seq: 4, status: 'applied' }] });
    expect(await stockOf(await fx.sql(hub), 'P1')).toBe(111);
  });

  it('rejects an op that breaks a rule, with a reason, and still advances the seq', async () => {
    const hub = await fx.hub();
    const [bench] = await warehouse(hub, 'North', ['A']);
    const entries = bench!.entries([
      { type: 'stock.delta', sku: 'NOPE', delta: 1 },
      product('P1'),
      { type: 'allocation.set', orderNumber: 'O-404', lineNo: 1, unit: 1, sku: 'P1', value: 'X' },
      { type: 'identifier.add', sku: 'P1', values: ['ok', 'bad\u0007bell'] },
      { type: 'identifier.add', sku: 'P1', values: [' padded'] },
      { type: 'stock.delta', sku: 'P1', delta: 4 },
    ]);
    const answer = (await bench!.pushEntries(entries)).body;
    expect(answer.lastSeq).toBe(6);
    expect(answer.results).toEqual([
      { seq: 1, status: 'rejected', reason: 'unknown SKU NOPE' },
      { seq: 2, status: 'applied' },
      { seq: 3, status: 'rejected', reason: 'unknown order O-404' },
      { seq: 4, status: 'rejected', reason: 'the hub cannot take this change: op.values.1: identifier contains a control character (U+0007)' },
      { seq: 5, status: 'rejected', reason: 'the hub cannot take this change: op.values.0: identifier has spaces or line breaks at the start or end' },
      { seq: 6, status: 'applied' },
    ]);
    const sql = await fx.sql(hub);
    // The rejected add is all or nothing: "ok" was not added either.
    expect((await sql.query('SELECT count(*)::int AS n FROM identifiers')).rows[0].n).toBe(0);
    expect(await stockOf(sql, 'P1')).toBe(4);

    // The answer was lost and the bench pushes again: the same verdicts, so no conflict is lost.
    const retried = (await bench!.pushEntries(entries)).body;
    expect(retried.results).toEqual(
      answer.results.map((r) => (r.status === 'applied' ? { seq: r.seq, status: 'duplicate' } : r)),
    );
    expect(await stockOf(sql, 'P1')).toBe(4);
  });

  it('adds stock deltas from two benches up', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['A', 'B']);
    await a!.push(product('P1', 'none'), { type: 'stock.delta', sku: 'P1', delta: 40 });
    // Both benches changed stock offline; their deltas arrive interleaved and all count.
    await Promise.all([
      a!.push(...Array.from({ length: 20 }, () => ({ type: 'stock.delta' as const, sku: 'P1', delta: 3 }))),
      b!.push(...Array.from({ length: 20 }, () => ({ type: 'stock.delta' as const, sku: 'P1', delta: -2 }))),
    ]);
    expect(await stockOf(await fx.sql(hub), 'P1')).toBe(40 + 60 - 40);
  });

  it('adds identifiers idempotently per (product, value), and brings a removed one back', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['A', 'B']);
    await a!.push(product('P1'), { type: 'identifier.add', sku: 'P1', values: ['S1', 'S2', 'S2'] });
    const again = await b!.push(
      { type: 'identifier.add', sku: 'P1', values: ['S1', 'S3'] },
      { type: 'identifier.remove', sku: 'P1', values: ['S2', 'never-there'] },
      { type: 'identifier.add', sku: 'P1', values: ['S2'] },
      { type: 'identifier.rename', sku: 'P1', from: 'S3', to: 's3' },
    );
    expect(again.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    const rows = await (await fx.sql(hub)).query('SELECT value, status FROM identifiers ORDER BY value');
    expect(rows.rows).toEqual([
      { value: 'S1', status: 'available' },
      { value: 'S2', status: 'available' },
      { value: 'S3', status: 'removed' },
      { value: 's3', status: 'available' },
    ]);
  });

  it('lets exactly one of two racing benches allocate a single-use identifier', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['A', 'B']);
    await a!.push(product('P1'), { type: 'identifier.add', sku: 'P1', values: ['SN-1'] }, order('O1', ['P1', 1]), order('O2', ['P1', 1]));
    // Repeat the race a few times on fresh identifiers so it really is concurrent at least once.
    for (let round = 0; round < 5; round++) {
      const value = `R-${round}`;
      const orderA = `A-${round}`;
      const orderB = `B-${round}`;
      await a!.push({ type: 'identifier.add', sku: 'P1', values: [value] }, order(orderA, ['P1', 1]), order(orderB, ['P1', 1]));
      const [ra, rb] = await Promise.all([
        a!.push({ type: 'allocation.set', orderNumber: orderA, lineNo: 1, unit: 1, sku: 'P1', value }),
        b!.push({ type: 'allocation.set', orderNumber: orderB, lineNo: 1, unit: 1, sku: 'P1', value }),
      ]);
      const results = [ra.results[0]!, rb.results[0]!];
      expect(results.map((r) => r.status).sort()).toEqual(['applied', 'rejected']);
      const loser = results.find((r) => r.status === 'rejected')!;
      const winner = results[0]!.status === 'applied' ? { order: orderA, station: 'A' } : { order: orderB, station: 'B' };
      expect(loser.reason).toBe(
        `single-use identifier "${value}" of SKU P1 is already allocated to order ${winner.order} line 1 unit 1 (station ${winner.station})`,
      );
    }
    const sql = await fx.sql(hub);
    const counts = await sql.query(`SELECT i.value, count(*)::int AS n FROM allocations a JOIN identifiers i ON i.id = a.identifier_id GROUP BY i.value`);
    expect(counts.rows.every((r) => r.n === 1)).toBe(true);
  });

  it('enforces single use in PostgreSQL itself, not only in the code', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('P1'), { type: 'identifier.add', sku: 'P1', values: ['SN-1'] }, order('O1', ['P1', 2]));
    await a!.push({ type: 'allocation.set', orderNumber: 'O1', lineNo: 1, unit: 1, sku: 'P1', value: 'SN-1' });
    const sql = await fx.sql(hub);
    await expect(
      sql.query(`INSERT INTO allocations (order_line_id, product_id, unit, identifier_id, single_use, status)
                 SELECT order_line_id, product_id, 2, identifier_id, true, 'live' FROM allocations`),
    ).rejects.toMatchObject({ code: '23505', constraint: 'allocations_single_use_once' });
  });

  it('allows a multiple-use identifier on many units', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['A', 'B']);
    await a!.push(product('M1', 'multiple_use'), { type: 'identifier.add', sku: 'M1', values: ['BEST-BEFORE-2027'] }, order('O1', ['M1', 2]));
    const [ra, rb] = await Promise.all([
      a!.push({ type: 'allocation.set', orderNumber: 'O1', lineNo: 1, unit: 1, sku: 'M1', value: 'BEST-BEFORE-2027' }),
      b!.push({ type: 'allocation.set', orderNumber: 'O1', lineNo: 1, unit: 2, sku: 'M1', value: 'BEST-BEFORE-2027' }),
    ]);
    expect([ra.results[0]!.status, rb.results[0]!.status]).toEqual(['applied', 'applied']);
  });

  it('dispatches: consumes identifiers, lowers stock, and refuses a second dispatch of the same units', async () => {
    const hub = await fx.hub();
    const [a, b] = await warehouse(hub, 'North', ['A', 'B']);
    await a!.push(
      product('P1'),
      { type: 'identifier.add', sku: 'P1', values: ['S1', 'S2', 'S3'] },
      { type: 'stock.delta', sku: 'P1', delta: 3 },
      order('O1', ['P1', 2]),
      { type: 'allocation.set', orderNumber: 'O1', lineNo: 1, unit: 1, sku: 'P1', value: 'S1' },
    );
    const dispatch = (uid: string, values: string[]) => ({
      type: 'order.dispatch' as const,
      orderNumber: 'O1',
      dispatchUid: uid,
      lines: [{ lineNo: 1, sku: 'P1', quantity: values.length, units: values.map((value, i) => ({ unit: i + 1, value })) }],
    });
    // Bench B dispatches with S1 + S2; bench A, offline, dispatched the same order with S1 + S3.
    expect((await b!.push(dispatch('D-B', ['S1', 'S2']))).results[0]).toEqual({ seq: 1, status: 'applied' });
    expect((await a!.push(dispatch('D-A', ['S1', 'S3']))).results[0]).toEqual({
      seq: 6,
      status: 'rejected',
      reason: 'order O1 line 1 was already dispatched',
    });
    // Neither a consumed identifier nor a dispatched unit can be allocated again.
    const after = await a!.push(
      { type: 'identifier.remove', sku: 'P1', values: ['S2'] },
      order('O2', ['P1', 1]),
      { type: 'allocation.set', orderNumber: 'O2', lineNo: 1, unit: 1, sku: 'P1', value: 'S2' },
      { type: 'allocation.clear', orderNumber: 'O1', lineNo: 1, unit: 1 },
    );
    expect(after.results).toEqual([
      { seq: 7, status: 'rejected', reason: 'identifier "S2" of SKU P1 was dispatched; it stays in the history' },
      { seq: 8, status: 'applied' },
      { seq: 9, status: 'rejected', reason: 'single-use identifier "S2" of SKU P1 is already dispatched with order O1 line 1 unit 2 (station B)' },
      { seq: 10, status: 'rejected', reason: 'order O1 line 1 unit 1 was already dispatched' },
    ]);
    const sql = await fx.sql(hub);
    expect(await stockOf(sql, 'P1')).toBe(1);
    const ids = await sql.query('SELECT value, status FROM identifiers ORDER BY value');
    expect(ids.rows).toEqual([
      { value: 'S1', status: 'consumed' },
      { value: 'S2', status: 'consumed' },
      { value: 'S3', status: 'available' },
    ]);
    const dispatches = await sql.query('SELECT uid, station_id FROM dispatches');
    expect(dispatches.rows).toEqual([{ uid: 'D-B', station_id: 'B' }]);
  });

  it('supports partial dispatch and refuses over-dispatch and a repeated dispatch uid', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('N1', 'none'), { type: 'stock.delta', sku: 'N1', delta: 10 }, order('O1', ['N1', 5]));
    const dispatch = (uid: string, quantity: number) => ({
      type: 'order.dispatch' as const,
      orderNumber: 'O1',
      dispatchUid: uid,
      lines: [{ lineNo: 1, sku: 'N1', quantity, units: [] }],
    });
    const answer = await a!.push(dispatch('D1', 2), dispatch('D1', 1), dispatch('D2', 4), dispatch('D3', 3));
    expect(answer.results).toEqual([
      { seq: 4, status: 'applied' },
      { seq: 5, status: 'rejected', reason: 'dispatch D1 of order O1 was already recorded' },
      { seq: 6, status: 'rejected', reason: 'order O1 line 1: dispatching 4 but only 3 remain' },
      { seq: 7, status: 'applied' },
    ]);
    const sql = await fx.sql(hub);
    expect(await stockOf(sql, 'N1')).toBe(5);
    expect((await sql.query('SELECT dispatched FROM order_lines')).rows[0].dispatched).toBe(5);
  });

  it('refuses a dispatch of a tracked product without an identifier per unit', async () => {
    const hub = await fx.hub();
    const [a] = await warehouse(hub, 'North', ['A']);
    await a!.push(product('P1'), { type: 'identifier.add', sku: 'P1', values: ['S1'] }, order('O1', ['P1', 2]));
    const answer = await a!.push({
      type: 'order.dispatch',
      orderNumber: 'O1',
      dispatchUid: 'D1',
      lines: [{ lineNo: 1, sku: 'P1', quantity: 2, units: [{ unit: 1, value: 'S1' }] }],
    });
    expect(answer.results[0]).toEqual({ seq: 4, status: 'rejected', reason: 'order O1 line 1: 2 units need 2 identifiers, got 1' });
  });
});
