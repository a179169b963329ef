import { describe, expect, it } from 'vitest';
import { checkGridLocally, describeLocalRefusal, problemsFromIssues } from '../../renderer/components/grid/grid-checks.js';
import { isColumnPaste, parsePastedColumn } from '../../renderer/components/grid/paste-column.js';
import { SerialBoxStore } from '../../renderer/components/grid/serial-box-store.js';

function storeWith(values: string[], total = values.length): SerialBoxStore {
  const store = new SerialBoxStore({ totalBoxes: total, filledBoxes: 0 });
  values.forEach((value, box) => store.setValue(box, value));
  return store;
}

describe('checkGridLocally', () => {
  it('single use: refuses empty boxes and lists the first ones', () => {
    const check = checkGridLocally(storeWith(['A', '', 'C'], 5), true);
    expect(check.ok).toBe(false);
    expect(check.emptyCount).toBe(3);
    expect(check.listed.map((p) => p.box)).toEqual([1, 3, 4]);
    expect(describeLocalRefusal(check)).toBe('Not saved: 3 boxes are empty. Fix the marked boxes.');
  });

  it('multiple use: empty boxes are fine', () => {
    expect(checkGridLocally(storeWith(['A', '', 'C'], 5), false).ok).toBe(true);
  });

  it('refuses repeats, marking every box of the repeated value; case matters', () => {
    const check = checkGridLocally(storeWith(['ABC', 'abc', 'ABC', ' abc\t']), false);
    expect(check.ok).toBe(false);
    expect([...check.problems.keys()].sort()).toEqual([0, 1, 2, 3]);
    expect(check.problems.get(0)).toBe('"ABC" is repeated (also in box 3); identifiers must be unique.');
    expect(check.problems.get(1)).toContain('"abc" is repeated (also in box 4)');
    expect(checkGridLocally(storeWith(['ABC', 'abc', 'Abc']), true).ok).toBe(true);
  });

  it('says how many boxes hold an invalid value and how many repeat one, apart ("a repeated or invalid value" sent the packer looking for repeats)', () => {
    const invalidOnly = checkGridLocally(storeWith(['A\u0007B', 'C\u0007D', 'E']), false);
    expect(describeLocalRefusal(invalidOnly)).toBe('Not saved: 2 boxes have an invalid value. Fix the marked boxes.');
    const all = checkGridLocally(storeWith(['X', 'X', 'A\u0007B', ''], 4), true);
    expect(describeLocalRefusal(all)).toBe('Not saved: 1 box is empty, 1 box has an invalid value and 2 boxes repeat a value another box holds. Fix the marked boxes.');
  });

  it('refuses values the core would refuse (control characters)', () => {
    const check = checkGridLocally(storeWith(['A\u0007B']), false);
    expect(check.problems.get(0)).toBe('The identifier contains a control character (U+0007).');
  });

  it("names the values as the product's kind does: serial numbers, lot numbers", () => {
    const storeOfKind = (identifierKind: 'serial' | 'lot', values: string[]) => {
      const store = new SerialBoxStore({ totalBoxes: values.length, filledBoxes: 0, identifierSpec: { identifierKind, identifierFormat: null, minShelfLifeDays: null } });
      values.forEach((value, box) => store.setValue(box, value));
      return store;
    };
    expect(checkGridLocally(storeOfKind('serial', ['IMEI-1', 'IMEI-1']), false).problems.get(0)).toBe('"IMEI-1" is repeated (also in box 2); serial numbers must be unique.');
    expect(checkGridLocally(storeOfKind('lot', ['L-7', 'L-7']), false).problems.get(0)).toBe('"L-7" is repeated (also in box 2); lot numbers must be unique.');
    expect(checkGridLocally(storeOfKind('serial', ['A\u0007B']), false).problems.get(0)).toBe('The serial number contains a control character (U+0007).');
    expect(checkGridLocally(storeOfKind('lot', ['L-1', '']), true).listed.find((p) => p.box === 1)?.message).toBe('Enter a lot number: single-use products need one in every box.');
    expect(checkGridLocally(storeOfKind('serial', ['S-1', '']), true).listed.find((p) => p.box === 1)?.message).toBe('Enter a serial number: single-use products need one in every box.');
  });

  it('caps the listed problems but counts them all', () => {
    const check = checkGridLocally(storeWith([], 1000), true, 50);
    expect(check.emptyCount).toBe(1000);
    expect(check.listed).toHaveLength(50);
    expect(describeLocalRefusal(check)).toContain('The first 50 are listed below.');
  });
});

describe('problemsFromIssues', () => {
  it('maps the core’s issues to boxes, by box number or by "new unit N"', () => {
    const { problems, listed, other } = problemsFromIssues([
      { where: 'box 600', box: 599, message: 'already entered' },
      { where: 'new unit 3', message: 'already an identifier' },
      { where: '(arguments)', message: 'odd' },
    ]);
    expect([...problems]).toEqual([
      [599, 'already entered'],
      [2, 'already an identifier'],
    ]);
    expect(listed.map((p) => p.box)).toEqual([2, 599]);
    expect(other).toEqual(['(arguments): odd']);
  });
});

describe('parsePastedColumn', () => {
  it('reads a spreadsheet column: CRLF, final line break, first cell of each row', () => {
    expect(parsePastedColumn('A1\r\nB2\tx\r\nc3\r\n')).toEqual(['A1', 'B2', 'c3']);
    expect(parsePastedColumn('one')).toEqual(['one']);
    expect(parsePastedColumn('a\n\nb')).toEqual(['a', '', 'b']);
    expect(isColumnPaste(parsePastedColumn('one\n'))).toBe(false);
    expect(isColumnPaste(parsePastedColumn('one\ntwo'))).toBe(true);
  });
});
