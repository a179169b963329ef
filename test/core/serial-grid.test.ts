/**
 * The serial entry grid and the text rules of an identifier: both modes, case sensitivity,
 * scanner terminators, refused values naming their box, uniqueness, locked values.
 */
import { describe, expect, it } from 'vitest';
import { newBoxes, openTestBench, type TestBench } from './helpers.js';

function gridValues(bench: TestBench, productId: number): string[] {
  return bench.ok('getSerialGrid', { productId, limit: 5000 }).boxes.map((b) => b.value);
}

function allocate(bench: TestBench, lineId: number, unit: number, value: string | null) {
  return bench.ok('saveAllocations', { allocations: [{ lineId, unit, value }] });
}

describe('serial entry grid: shape', () => {
  it('has one box per unit of stock: identifiers in entry order, then empty boxes', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 5, ['S-3', 'S-1', 'S-2']);
    const grid = bench.ok('getSerialGrid', { productId: su });
    expect(grid.totalBoxes).toBe(5);
    expect(grid.filledBoxes).toBe(3);
    expect(grid.boxes.map((b) => [b.box, b.value, b.status, b.locked])).toEqual([
      [0, 'S-3', 'available', false],
      [1, 'S-1', 'available', false],
      [2, 'S-2', 'available', false],
      [3, '', null, false],
      [4, '', null, false],
    ]);
    const page = bench.ok('getSerialGrid', { productId: su, offset: 2, limit: 2 });
    expect(page.boxes.map((b) => [b.box, b.value])).toEqual([[2, 'S-2'], [3, '']]);
  });

  it('has no boxes for a product without identifiers, and refuses entering one', () => {
    const bench = openTestBench();
    const none = bench.product('NONE', 'none', 5);
    // None takes no identifiers: no box per unit of stock (only kept identifiers have boxes).
    expect(bench.ok('getSerialGrid', { productId: none })).toMatchObject({ totalBoxes: 0, filledBoxes: 0, boxes: [] });
    const refused = bench.refused('saveSerialGrid', { productId: none, edits: newBoxes(['A']) });
    expect(refused.code).toBe('validation');
    expect(refused.issues).toEqual([expect.objectContaining({ box: 0, message: expect.stringContaining('choose a mode to enter new ones') })]);
    expect(gridValues(bench, none)).toEqual([]);
    expect(bench.fail('getSerialGrid', { productId: 999 }).code).toBe('not_found');
  });
});

describe('identifier text', () => {
  it('is case sensitive: "ABC" and "abc" are two identifiers, each allocatable', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 2);
    const saved = bench.ok('saveSerialGrid', { productId: su, edits: newBoxes(['ABC', 'abc']) });
    expect(saved.added).toBe(2);
    expect(gridValues(bench, su)).toEqual(['ABC', 'abc']);
    const order = bench.order('SO-1', [['SU', 2]]);
    allocate(bench, order.lineIds[0]!, 1, 'abc');
    allocate(bench, order.lineIds[0]!, 2, 'ABC');
    const line = bench.ok('getOrder', { orderId: order.id }).lines[0]!;
    expect(line.allocations.map((a) => [a.unit, a.value])).toEqual([[1, 'abc'], [2, 'ABC']]);
    expect(bench.ok('lookupIdentifier', { value: 'abc' }).matches.map((m) => m.status)).toEqual(['allocated']);
    expect(bench.ok('lookupIdentifier', { value: 'Abc' }).matches).toEqual([]);
  });

  it.each([
    ['scanner Enter', 'SN-1\r', 'SN-1'],
    ['scanner CR LF', 'SN-1\r\n', 'SN-1'],
    ['scanner LF', 'SN-1\n', 'SN-1'],
    ['scanner Tab', 'SN-1\t', 'SN-1'],
    ['surrounding whitespace', '  SN-1  ', 'SN-1'],
    ['leading Tab and trailing Enter', '\tSN-1\r\n', 'SN-1'],
    ['inner space kept', ' SN 1 ', 'SN 1'],
  ])('trims %s', (_label, raw, stored) => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 1);
    bench.ok('saveSerialGrid', { productId: mu, edits: newBoxes([raw]) });
    expect(gridValues(bench, mu)).toEqual([stored]);
  });

  it.each([
    ['a NUL', 'A\u0000B', 'contains a control character'],
    ['a bell', 'A\u0007B', 'contains a control character'],
    ['an inner Tab', 'A\tB', 'contains a control character'],
    ['an inner newline', 'A\nB', 'contains a line break'],
    ['DEL', 'A\u007fB', 'contains a control character'],
    ['a C1 control', 'A\u009bB', 'contains a control character'],
    ['nothing but whitespace', ' \r\n\t ', 'Single-use products need an identifier in every box'],
    ['201 characters', 'x'.repeat(201), 'is longer than 200 characters'],
  ])('refuses %s, naming the box, and saves nothing', (_label, raw, reason) => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 3);
    const error = bench.refused('saveSerialGrid', { productId: su, edits: newBoxes(['OK-1', raw, 'OK-3']) });
    expect(error.code).toBe('validation');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ where: 'box 2', box: 1 });
    expect(error.issues[0]!.message).toContain(reason);
  });

  it('accepts exactly 200 characters, counting code points (200 emoji)', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 2);
    const emoji = '\u{1F4E6}'.repeat(200);
    bench.ok('saveSerialGrid', { productId: mu, edits: newBoxes(['y'.repeat(200), emoji]) });
    expect(gridValues(bench, mu)).toEqual(['y'.repeat(200), emoji]);
    const error = bench.refused('saveSerialGrid', {
      productId: mu,
      edits: [{ box: 1, identifierId: bench.ok('getSerialGrid', { productId: mu }).boxes[1]!.identifierId, value: emoji + 'z' }],
    });
    expect(error.issues[0]).toMatchObject({ where: 'box 2' });
  });

  it('keeps printable punctuation and unicode verbatim', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 3);
    const values = ['USE BY 2026-12-04', 'a"b,c;d\'e%f_g\\h', 'Łódź-Ü-日本'];
    bench.ok('saveSerialGrid', { productId: mu, edits: newBoxes(values) });
    expect(gridValues(bench, mu)).toEqual(values);
    // LIKE wildcards in values must not confuse the candidate search
    expect(bench.ok('searchCandidates', { productId: mu, query: '%f_' }).items.map((c) => c.value)).toEqual([values[1]]);
  });
});

describe('single-use grid', () => {
  it('needs every box filled; each empty box is named', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 4);
    const error = bench.refused('saveSerialGrid', { productId: su, edits: newBoxes(['A', 'B']) });
    expect(error.code).toBe('validation');
    expect(error.issues.map((i) => i.where)).toEqual(['box 3', 'box 4']);
    expect(error.message).toMatch(/2 boxes are empty/);
    bench.ok('saveSerialGrid', { productId: su, edits: newBoxes(['A', 'B', 'C', 'D']) });
    expect(gridValues(bench, su)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('refuses clearing a filled box', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 2, ['A', 'B']);
    const boxes = bench.ok('getSerialGrid', { productId: su }).boxes;
    const error = bench.refused('saveSerialGrid', { productId: su, edits: [{ box: 1, identifierId: boxes[1]!.identifierId, value: '  ' }] });
    expect(error.issues).toEqual([expect.objectContaining({ where: 'box 2', box: 1 })]);
  });

  it('needs unique values: within the save, against kept values and against consumed ones', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 3);
    let error = bench.refused('saveSerialGrid', { productId: su, edits: newBoxes(['A', 'B', 'A']) });
    expect(error.issues).toEqual([expect.objectContaining({ where: 'box 3', box: 2 })]);
    expect(error.issues[0]!.message).toContain('box 1');

    // a duplicate does not hide the empty boxes
    error = bench.refused('saveSerialGrid', { productId: su, edits: newBoxes(['A', 'A']) });
    expect(error.issues.map((i) => i.where)).toEqual(['box 2', 'box 3']);

    // "A" and "a" are different values
    bench.ok('saveSerialGrid', { productId: su, edits: newBoxes(['A', 'a', 'B']) });

    const grid = bench.ok('getSerialGrid', { productId: su }).boxes;
    error = bench.refused('saveSerialGrid', { productId: su, edits: [{ box: 2, identifierId: grid[2]!.identifierId, value: 'A' }] });
    expect(error.issues[0]).toMatchObject({ where: 'box 3', box: 2, repeatsBox: 0 });
    expect(error.issues[0]!.message).toBe('"A" is already entered (box 1); identifiers must be unique within SU.');

    // a consumed value left the grid but stays unique within the product
    const order = bench.order('SO-1', [['SU', 1]]);
    allocate(bench, order.lineIds[0]!, 1, 'A');
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    bench.ok('changeStockLevel', { productId: su, newStockLevel: 3, newIdentifiers: ['C'] });
    const after = bench.ok('getSerialGrid', { productId: su }).boxes;
    expect(after.map((b) => b.value)).toEqual(['a', 'B', 'C']);
    error = bench.refused('saveSerialGrid', { productId: su, edits: [{ box: 2, identifierId: after[2]!.identifierId, value: 'A' }] });
    expect(error.issues[0]!.message).toContain('a dispatched unit');
    expect(error.issues[0]!.repeatsBox).toBeUndefined(); // a dispatched unit has no box to fix
    // a kept value is named by the box the grid shows it in (the dispatched one has left the count)
    error = bench.refused('saveSerialGrid', { productId: su, edits: [{ box: 2, identifierId: after[2]!.identifierId, value: 'B' }] });
    expect(error.issues[0]!.message).toBe('"B" is already entered (box 2); identifiers must be unique within SU.');
    expect(error.issues[0]!.repeatsBox).toBe(1);
  });

  it('refuses a new value equal to a dispatched one, naming the box, and saves none of the others', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 3, ['A']);
    const order = bench.order('SO-1', [['SU', 1]]);
    allocate(bench, order.lineIds[0]!, 1, 'A');
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    expect(bench.ok('getSerialGrid', { productId: su })).toMatchObject({ totalBoxes: 2, filledBoxes: 0 });
    const error = bench.refused('saveSerialGrid', { productId: su, edits: newBoxes(['B', 'A']) });
    expect(error.issues).toEqual([expect.objectContaining({ where: 'box 2', box: 1 })]);
    expect(error.issues[0]!.message).toContain('a dispatched unit');
    expect(error.issues[0]!.repeatsBox).toBeUndefined(); // a dispatched unit has no box to fix
    bench.ok('saveSerialGrid', { productId: su, edits: newBoxes(['B', 'C']) });
  });

  it('lets two boxes swap values in one save', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 2, ['A', 'B']);
    const [a, b] = bench.ok('getSerialGrid', { productId: su }).boxes;
    const saved = bench.ok('saveSerialGrid', {
      productId: su,
      edits: [
        { box: 0, identifierId: a!.identifierId, value: 'B' },
        { box: 1, identifierId: b!.identifierId, value: 'A' },
      ],
    });
    expect(saved.changed).toBe(2);
    expect(gridValues(bench, su)).toEqual(['B', 'A']);
    // the set of values is unchanged: replayed one by one ("remove from, add to"), two renames
    // would lose a value, so a swap sends no op; the audit log keeps what happened
    expect(bench.outboxOps().filter((op) => op.type === 'identifier.rename')).toHaveLength(0);
    expect(bench.auditActions().at(-1)).toBe('serials.save');
  });

  it('sends chained renames in an order that replays one by one', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 3, ['A', 'B', 'X']);
    const [a, b] = bench.ok('getSerialGrid', { productId: su }).boxes;
    const ops = bench.outboxOps().length;
    bench.ok('saveSerialGrid', {
      productId: su,
      edits: [
        { box: 1, identifierId: b!.identifierId, value: 'A' },
        { box: 0, identifierId: a!.identifierId, value: 'C' },
      ],
    });
    expect(gridValues(bench, su)).toEqual(['C', 'A', 'X']);
    expect(bench.outboxOps().slice(ops)).toEqual([
      { type: 'identifier.rename', sku: 'SU', from: 'A', to: 'C' },
      { type: 'identifier.rename', sku: 'SU', from: 'B', to: 'A' },
    ]);
    // replaying the ops on the old value set gives the new one
    const values = new Set(['A', 'B', 'X']);
    for (const op of bench.outboxOps().slice(ops)) {
      values.delete(op.from as string);
      values.add(op.to as string);
    }
    expect([...values].sort()).toEqual(['A', 'C', 'X']);
  });

  it('saves a renamed value with its scanner Enter trimmed, unchanged values cost nothing', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 2, ['A', 'B']);
    const [a, b] = bench.ok('getSerialGrid', { productId: su }).boxes;
    const ops = bench.outboxOps().length;
    const saved = bench.ok('saveSerialGrid', {
      productId: su,
      edits: [
        { box: 0, identifierId: a!.identifierId, value: 'A\r\n' },
        { box: 1, identifierId: b!.identifierId, value: 'B2\t' },
      ],
    });
    expect(saved).toMatchObject({ added: 0, changed: 1, removed: 0 });
    expect(gridValues(bench, su)).toEqual(['A', 'B2']);
    expect(bench.outboxOps().slice(ops)).toEqual([{ type: 'identifier.rename', sku: 'SU', from: 'B', to: 'B2' }]);
  });
});

describe('multiple-use grid', () => {
  it('allows empty boxes but not repeats', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 4);
    bench.ok('saveSerialGrid', { productId: mu, edits: newBoxes(['LOT-1', 'lot-1']) });
    expect(gridValues(bench, mu)).toEqual(['LOT-1', 'lot-1', '', '']);
    const error = bench.refused('saveSerialGrid', { productId: mu, edits: newBoxes(['LOT-2', 'LOT-1'], 2) });
    expect(error.issues).toEqual([expect.objectContaining({ where: 'box 4', box: 3 })]);
    const error2 = bench.refused('saveSerialGrid', { productId: mu, edits: newBoxes(['LOT-3\r', 'LOT-3'], 2) });
    expect(error2.issues).toEqual([expect.objectContaining({ where: 'box 4', box: 3 })]);
  });

  it('removes a cleared value that is not in use, and reuses a freed value in the same save', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 3, ['L1', 'L2']);
    const boxes = bench.ok('getSerialGrid', { productId: mu }).boxes;
    const saved = bench.ok('saveSerialGrid', {
      productId: mu,
      edits: [
        { box: 0, identifierId: boxes[0]!.identifierId, value: '' },
        { box: 2, identifierId: null, value: 'L1' },
      ],
    });
    expect(saved).toMatchObject({ added: 1, removed: 1, changed: 0 });
    expect(gridValues(bench, mu)).toEqual(['L2', 'L1', '']);
  });

  it('moves a value from a cleared box to another box in one save', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 3, ['A', 'B']);
    const [a, b] = bench.ok('getSerialGrid', { productId: mu }).boxes;
    const saved = bench.ok('saveSerialGrid', {
      productId: mu,
      edits: [
        { box: 0, identifierId: a!.identifierId, value: '' },
        { box: 1, identifierId: b!.identifierId, value: 'A' },
      ],
    });
    expect(saved).toMatchObject({ added: 0, changed: 1, removed: 1 });
    expect(gridValues(bench, mu)).toEqual(['A', '', '']);
    expect(bench.outboxOps().slice(-2)).toEqual([
      { type: 'identifier.remove', sku: 'MU', values: ['A'] },
      { type: 'identifier.rename', sku: 'MU', from: 'B', to: 'A' },
    ]);
  });

  it('has a box for each identifier even above the stock level', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 3, ['L1', 'L2', 'L3']);
    bench.ok('changeStockLevel', { productId: mu, newStockLevel: 1 });
    const grid = bench.ok('getSerialGrid', { productId: mu });
    expect([grid.totalBoxes, grid.filledBoxes]).toEqual([3, 3]);
  });
});

describe('kept identifiers of a product whose mode is None', () => {
  it('shows them (no empty boxes) so they can be removed, but takes no new or changed values', () => {
    const bench = openTestBench();
    const kept = bench.product('KEPT', 'multiple_use', 5, ['K1', 'K2', 'K3']);
    bench.ok('setIdentifierMode', { productId: kept, mode: 'none' });
    const grid = bench.ok('getSerialGrid', { productId: kept });
    // None takes no identifiers: only the kept ones have boxes, not one box per unit of stock.
    expect([grid.totalBoxes, grid.filledBoxes]).toEqual([3, 3]);
    expect(grid.boxes.map((b) => [b.value, b.locked])).toEqual([['K1', false], ['K2', false], ['K3', false]]);

    const renamed = bench.refused('saveSerialGrid', { productId: kept, edits: [{ box: 0, identifierId: grid.boxes[0]!.identifierId, value: 'K9' }] });
    expect(renamed.issues).toEqual([expect.objectContaining({ box: 0, message: expect.stringContaining('can only be removed') })]);
    expect(gridValues(bench, kept)).toEqual(['K1', 'K2', 'K3']);

    const saved = bench.ok('saveSerialGrid', {
      productId: kept,
      edits: [
        { box: 0, identifierId: grid.boxes[0]!.identifierId, value: '' },
        { box: 2, identifierId: grid.boxes[2]!.identifierId, value: '' },
      ],
    });
    expect(saved).toMatchObject({ added: 0, changed: 0, removed: 2 });
    expect(gridValues(bench, kept)).toEqual(['K2']);
    expect(bench.outboxOps().at(-1)).toEqual({ type: 'identifier.remove', sku: 'KEPT', values: ['K1', 'K3'] });
  });

  it('keeps a kept value that orders used: it cannot be removed', () => {
    const bench = openTestBench();
    const kept = bench.product('KEPT', 'multiple_use', 3, ['K1', 'K2']);
    const order = bench.order('SO-1', [['KEPT', 1]]);
    allocate(bench, order.lineIds[0]!, 1, 'K1');
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: order.lineIds[0]!, quantity: 1 }] });
    bench.ok('setIdentifierMode', { productId: kept, mode: 'none' });
    const boxes = bench.ok('getSerialGrid', { productId: kept }).boxes;
    expect(boxes.map((b) => [b.value, b.locked])).toEqual([['K1', true], ['K2', false]]);
    const error = bench.refused('saveSerialGrid', { productId: kept, edits: [{ box: 0, identifierId: boxes[0]!.identifierId, value: '' }] });
    expect(error.issues).toEqual([expect.objectContaining({ box: 0, message: expect.stringContaining('cannot be removed') })]);
    expect(gridValues(bench, kept)).toEqual(['K1', 'K2']);
  });
});

describe('values in use are fixed', () => {
  function setUp() {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 3, ['S1', 'S2', 'S3']);
    const mu = bench.product('MU', 'multiple_use', 3, ['M1', 'M2']);
    const order = bench.order('SO-1', [['SU', 2], ['MU', 2]]);
    const [suLine, muLine] = order.lineIds as [number, number];
    bench.ok('saveAllocations', {
      allocations: [
        { lineId: suLine, unit: 1, value: 'S1' },
        { lineId: suLine, unit: 2, value: 'S2' },
        { lineId: muLine, unit: 1, value: 'M1' },
        { lineId: muLine, unit: 2, value: 'M1' },
      ],
    });
    return { bench, su, mu, order, suLine, muLine };
  }

  it('shows allocated values locked, and refuses changing or removing them', () => {
    const { bench, su, mu } = setUp();
    const suBoxes = bench.ok('getSerialGrid', { productId: su }).boxes;
    expect(suBoxes.map((b) => [b.value, b.status, b.useCount, b.locked])).toEqual([
      ['S1', 'allocated', 1, true],
      ['S2', 'allocated', 1, true],
      ['S3', 'available', 0, false],
    ]);
    let error = bench.refused('saveSerialGrid', { productId: su, edits: [{ box: 0, identifierId: suBoxes[0]!.identifierId, value: 'S1-new' }] });
    expect(error.issues[0]).toMatchObject({ where: 'box 1' });
    expect(error.issues[0]!.message).toContain('allocated to an order');

    const muBoxes = bench.ok('getSerialGrid', { productId: mu }).boxes;
    expect(muBoxes.map((b) => [b.value, b.useCount, b.locked])).toEqual([['M1', 2, true], ['M2', 0, false], ['', 0, false]]);
    error = bench.refused('saveSerialGrid', { productId: mu, edits: [{ box: 0, identifierId: muBoxes[0]!.identifierId, value: '' }] });
    expect(error.issues[0]!.message).toContain('cannot be removed');
    error = bench.refused('saveSerialGrid', { productId: mu, edits: [{ box: 0, identifierId: muBoxes[0]!.identifierId, value: 'M9' }] });
    expect(error.issues[0]!.message).toContain('cannot be changed');
    // an unchanged locked value in the edits is fine
    bench.ok('saveSerialGrid', { productId: mu, edits: [{ box: 0, identifierId: muBoxes[0]!.identifierId, value: 'M1\r' }] });
  });

  it('consumed single-use values leave the grid and cannot be edited through a stale grid', () => {
    const { bench, su, mu, order, suLine, muLine } = setUp();
    const before = bench.ok('getSerialGrid', { productId: su }).boxes;
    bench.ok('completeOrder', { orderId: order.id, lines: [{ lineId: suLine, quantity: 2 }, { lineId: muLine, quantity: 2 }] });
    const grid = bench.ok('getSerialGrid', { productId: su });
    expect(grid.boxes.map((b) => b.value)).toEqual(['S3']);
    expect(grid.totalBoxes).toBe(1);
    const error = bench.refused('saveSerialGrid', { productId: su, edits: [{ box: 0, identifierId: before[0]!.identifierId, value: 'X' }] });
    expect(error.issues[0]!.message).toContain('grid changed');

    // multiple-use values stay in the grid after dispatch, and stay locked (history)
    const muBoxes = bench.ok('getSerialGrid', { productId: mu }).boxes;
    expect(muBoxes[0]).toMatchObject({ value: 'M1', locked: true, useCount: 2 });
    expect(bench.refused('saveSerialGrid', { productId: mu, edits: [{ box: 0, identifierId: muBoxes[0]!.identifierId, value: '' }] }).issues[0]!.message).toContain(
      'cannot be removed',
    );
  });
});

describe('stale and malformed edits', () => {
  it('refuses a box beyond the grid, a box edited twice and an unknown identifier id', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 2, ['A']);
    const other = bench.product('OTHER', 'multiple_use', 1, ['Z']);
    const otherId = bench.ok('getSerialGrid', { productId: other }).boxes[0]!.identifierId;
    expect(bench.refused('saveSerialGrid', { productId: mu, edits: newBoxes(['X'], 2) }).issues[0]!.message).toContain('There is no box 3');
    expect(bench.refused('saveSerialGrid', { productId: mu, edits: [...newBoxes(['X'], 1), ...newBoxes(['Y'], 1)] }).issues[0]!.message).toContain(
      'edited twice',
    );
    expect(bench.refused('saveSerialGrid', { productId: mu, edits: [{ box: 0, identifierId: otherId, value: 'Q' }] }).issues[0]!.message).toContain(
      'grid changed',
    );
  });

  it('refuses a new value in a box that holds an identifier (a stale grid), keeping one box per unit', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 2, ['A', 'B']);
    const error = bench.refused('saveSerialGrid', { productId: su, edits: [{ box: 0, identifierId: null, value: 'C' }] });
    expect(error.issues[0]).toMatchObject({ where: 'box 1' });
    const mu = bench.product('MU', 'multiple_use', 2, ['A']);
    bench.refused('saveSerialGrid', { productId: mu, edits: [{ box: 0, identifierId: null, value: 'C' }] });
    expect(bench.count(`SELECT count(*) FROM identifiers WHERE product_id = ? AND status <> 'consumed'`, su)).toBe(2);
  });

  it('refuses arguments the schema does not allow, naming the field', () => {
    const bench = openTestBench();
    const mu = bench.product('MU', 'multiple_use', 2);
    const error = bench.fail('saveSerialGrid', { productId: mu, edits: [{ box: -1, identifierId: null, value: 'A' }] });
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain('edits.0.box');
    expect(bench.fail('saveSerialGrid', { productId: mu, edits: [{ box: 0, identifierId: null, value: 'x'.repeat(10_001) }] }).code).toBe(
      'invalid_argument',
    );
  });
});

describe('saving writes its sync op and audit entry', () => {
  it('one batched identifier.add op and one audit row per save; nothing for a no-op save', () => {
    const bench = openTestBench();
    const su = bench.product('SU', 'single_use', 3);
    const ops = bench.outboxOps().length;
    const audits = bench.auditActions().length;
    bench.ok('saveSerialGrid', { productId: su, edits: newBoxes(['A', 'B', 'C']) });
    expect(bench.outboxOps().slice(ops)).toEqual([{ type: 'identifier.add', sku: 'SU', values: ['A', 'B', 'C'] }]);
    expect(bench.auditActions().slice(audits)).toEqual(['serials.save']);
    const snapshot = bench.snapshot();
    bench.ok('saveSerialGrid', { productId: su, edits: [] });
    expect(bench.snapshot()).toEqual(snapshot);
  });
});
