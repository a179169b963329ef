import { describe, expect, it } from 'vitest';
import type { GridBox } from '../../shared/contract/api.js';
import { SerialBoxStore, type GridPage } from '../../renderer/components/grid/serial-box-store.js';

/** A fake core grid: `filled` values, then empty boxes up to `total`; records each read. */
function fakeGrid(total: number, filled: string[], locked: number[] = []) {
  const reads: Array<[number, number]> = [];
  const box = (i: number): GridBox => ({
    box: i,
    identifierId: i + 1,
    value: filled[i]!,
    status: locked.includes(i) ? 'allocated' : 'available',
    useCount: locked.includes(i) ? 1 : 0,
    locked: locked.includes(i),
  });
  const loader = async (offset: number, limit: number): Promise<GridPage> => {
    reads.push([offset, limit]);
    const boxes: GridBox[] = [];
    for (let i = offset; i < Math.min(offset + limit, filled.length); i++) boxes.push(box(i));
    return { totalBoxes: total, filledBoxes: filled.length, boxes };
  };
  return { reads, loader, box };
}

const values = (n: number, prefix = 'V') => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

describe('SerialBoxStore', () => {
  it('knows empty boxes without reading any page', () => {
    const store = new SerialBoxStore({ totalBoxes: 100_000, filledBoxes: 99_990, pageSize: 250, loader: async () => null });
    expect(store.isEmpty(0)).toBe(false);
    expect(store.isEmpty(99_990)).toBe(true);
    expect(store.emptyCount()).toBe(10);
    expect(store.nextEmptyAfter(0)).toBe(99_990);
    expect(store.box(99_995)).toMatchObject({ value: '', loaded: true, locked: false });
    expect(store.box(5)).toMatchObject({ loaded: false });
  });

  it('reads only the pages the view wants, never the whole grid', async () => {
    const grid = fakeGrid(100_000, values(100_000));
    const store = new SerialBoxStore({ totalBoxes: 100_000, filledBoxes: 100_000, pageSize: 250, loader: grid.loader });
    store.want(50_000, 50_030);
    await new Promise((r) => setTimeout(r, 0));
    expect(grid.reads).toEqual([[50_000, 250]]);
    expect(store.box(50_010)).toMatchObject({ value: 'V-50011', loaded: true });
    // Already read: no second request.
    store.want(50_000, 50_030);
    await new Promise((r) => setTimeout(r, 0));
    expect(grid.reads).toHaveLength(1);
  });

  it('drops wanted pages the view scrolled past before they were read', async () => {
    const grid = fakeGrid(100_000, values(100_000));
    const store = new SerialBoxStore({ totalBoxes: 100_000, filledBoxes: 100_000, pageSize: 100, loader: grid.loader });
    for (let from = 0; from < 10_000; from += 100) store.want(from, from + 30);
    await new Promise((r) => setTimeout(r, 10));
    // Two reads start at once; later wants replace the queue, so only the last page follows.
    expect(grid.reads.map(([offset]) => offset)).toEqual([0, 100, 9_900]);
  });

  it('keeps edits apart from what was read, and sends only edited boxes with the identifier shown', () => {
    const grid = fakeGrid(5, ['A', 'B', 'C']);
    const store = new SerialBoxStore({ totalBoxes: 5, filledBoxes: 3, initialBoxes: [0, 1, 2].map(grid.box) });
    store.setValue(1, 'b');
    store.setValue(3, 'D');
    store.setValue(2, 'C'); // unchanged: not an edit
    expect(store.editCount).toBe(2);
    expect(store.editsForSave()).toEqual([
      { box: 1, identifierId: 2, value: 'b' },
      { box: 3, identifierId: null, value: 'D' },
    ]);
    store.setValue(1, 'B'); // back to what was read
    expect(store.editsForSave()).toEqual([{ box: 3, identifierId: null, value: 'D' }]);
  });

  it('finds the next empty box after a box, wrapping to the start, including boxes cleared by an edit', () => {
    const grid = fakeGrid(6, ['A', 'B', 'C', 'D']);
    const store = new SerialBoxStore({ totalBoxes: 6, filledBoxes: 4, initialBoxes: [0, 1, 2, 3].map(grid.box) });
    expect(store.nextEmptyAfter(0)).toBe(4);
    store.setValue(4, 'E');
    expect(store.nextEmptyAfter(0)).toBe(5);
    store.setValue(5, 'F');
    expect(store.nextEmptyAfter(0)).toBeNull();
    store.setValue(1, '  ');
    expect(store.nextEmptyAfter(3)).toBe(1);
    expect(store.nextEmptyAfter(0)).toBe(1);
    expect(store.emptyCount()).toBe(1);
    expect(store.emptyBoxes(10)).toEqual([1]);
  });

  it('never edits a locked box or one not read yet', () => {
    const grid = fakeGrid(300, values(300), [0]);
    const store = new SerialBoxStore({ totalBoxes: 300, filledBoxes: 300, pageSize: 100, initialBoxes: [0, 1].map(grid.box) });
    store.setValue(0, 'X');
    store.setValue(250, 'X');
    store.setValue(1, 'X');
    expect(store.editsForSave()).toEqual([{ box: 1, identifierId: 2, value: 'X' }]);
  });

  it('fills a pasted column downwards, skipping locked boxes, after reading the boxes it needs', async () => {
    const grid = fakeGrid(8, ['A', 'B', 'C', 'D'], [2]);
    const store = new SerialBoxStore({ totalBoxes: 8, filledBoxes: 4, pageSize: 2, loader: grid.loader });
    expect(await store.loadForFill(1, 4)).toBe(true);
    const result = store.fillFrom(1, ['p1', 'p2', 'p3', 'p4']);
    // Box 2 is locked: the values go to 1, 3, 4 and 5 (each box written is named, for the lots' dates).
    expect(result).toEqual({ first: 1, last: 5, leftOver: 0, boxes: [1, 3, 4, 5] });
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => store.box(i).value)).toEqual(['A', 'p1', 'C', 'p2', 'p3', 'p4', '']);
    expect(store.fillFrom(6, ['x', 'y', 'z']).leftOver).toBe(1);
  });

  it('fills a lot range with one use-by date for every lot written (none when the date is empty)', () => {
    const store = new SerialBoxStore({ totalBoxes: 6, filledBoxes: 0 });
    store.fillBoxes([1, 2, 4], ['L-1', 'L-2', 'L-3'], '2027-03-01');
    expect(store.editsForSave()).toEqual([
      { box: 1, identifierId: null, value: 'L-1', useBy: '2027-03-01' },
      { box: 2, identifierId: null, value: 'L-2', useBy: '2027-03-01' },
      { box: 4, identifierId: null, value: 'L-3', useBy: '2027-03-01' },
    ]);
    store.fillBoxes([1], ['L-9'], '');
    expect(store.box(1)).toMatchObject({ value: 'L-9', useBy: '' });
    // Without a date (not a lot product), the boxes' dates are left alone.
    store.fillBoxes([2], ['L-8']);
    expect(store.box(2)).toMatchObject({ value: 'L-8', useBy: '2027-03-01' });
  });

  it('marks problems on boxes, and clears a box’s mark when it is edited', () => {
    const store = new SerialBoxStore({ totalBoxes: 3, filledBoxes: 0 });
    store.setProblems(new Map([[0, 'repeated']]), true);
    expect(store.box(0).problem).toBe('repeated');
    expect(store.box(2).problem).toMatch(/Enter an identifier/);
    store.setValue(0, 'A');
    store.setValue(2, 'B');
    expect(store.box(0).problem).toBeNull();
    expect(store.box(2).problem).toBeNull();
    expect(store.box(1).problem).toMatch(/Enter an identifier/);
  });

  it('notifies subscribers on every change', () => {
    const store = new SerialBoxStore({ totalBoxes: 3, filledBoxes: 0 });
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.setValue(0, 'A');
    store.setValue(0, 'AB');
    unsubscribe();
    store.setValue(0, 'ABC');
    expect(calls).toBe(2);
    expect(store.getVersion()).toBe(3);
  });

  it('tells a box\'s listeners only when that box changes, and keeps its view until then', async () => {
    const grid = fakeGrid(20, values(8));
    const store = new SerialBoxStore({ totalBoxes: 20, filledBoxes: 8, pageSize: 4, loader: grid.loader });
    const told: number[] = [];
    for (let box = 0; box < 20; box++) store.subscribeBox(box, () => told.push(box));
    const emptyView = store.box(12);
    store.setValue(10, 'NEW-1');
    expect(told).toEqual([10]);
    expect(store.box(12)).toBe(emptyView);
    expect(store.box(10).value).toBe('NEW-1');
    told.length = 0;
    store.refuse(11, 'refused');
    expect(told).toEqual([11]);
    told.length = 0;
    await store.loadRange(0, 4);
    expect(told.sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
    expect(store.box(2).value).toBe('V-3');
    told.length = 0;
    // Problems marked by a save reach every box (empty ones are marked too).
    store.setProblems(new Map([[1, 'repeated']]), true);
    expect(told.length).toBe(20);
    expect(store.box(12)).not.toBe(emptyView);
    expect(store.box(12).problem).not.toBeNull();
  });
});
