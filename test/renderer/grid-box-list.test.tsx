// @vitest-environment happy-dom
/**
 * The box list's keyboard rules in a DOM: Enter moves focus to the next EMPTY box within the same
 * keystroke, even when that box is far outside the rendered rows, and only a window of rows exists.
 */
import { act, createRef } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SerialBoxList, type SerialBoxListHandle } from '../../renderer/components/grid/SerialBoxList.js';
import { SerialBoxStore } from '../../renderer/components/grid/serial-box-store.js';
import { ScannerSettingsProvider } from '../../renderer/scanner/scanner-settings.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
let container: HTMLDivElement;
let root: Root;
const realSizes = {
  clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
  clientWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
};

beforeEach(() => {
  // happy-dom lays nothing out: give the scrolling box the size it has on a bench screen (10 rows).
  const sizeOfScroller = (size: number) => ({
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('serial-box-scroller') ? size : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', sizeOfScroller(600));
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', sizeOfScroller(800));
  ({ container, root } = mounted());
});

afterEach(() => {
  for (const [name, descriptor] of Object.entries(realSizes)) {
    if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
  }
});

function render(store: SerialBoxStore, onNoEmptyBox?: () => void) {
  const ref = createRef<SerialBoxListHandle>();
  act(() => {
    root.render(<SerialBoxList ref={ref} store={store} label="Serial numbers" boxLabelPrefix="Serial number" idPrefix="box" onNoEmptyBox={onNoEmptyBox} />);
  });
  return ref;
}

const input = (index: number) => document.getElementById(`box-${index}`) as HTMLInputElement | null;

/** Types as the browser does for a controlled input: set the value, fire input. */
function typeInto(element: HTMLInputElement, text: string) {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(element, element.value + text);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function press(element: HTMLElement, key: string, init: KeyboardEventInit = {}) {
  let event!: KeyboardEvent;
  act(() => {
    event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    element.dispatchEvent(event);
  });
  return event;
}

describe('SerialBoxList', () => {
  it('renders only a window of rows for 100,000 boxes, each named "Serial number N"', () => {
    const store = new SerialBoxStore({ totalBoxes: 100_000, filledBoxes: 0 });
    render(store);
    const rendered = container.querySelectorAll('input');
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(100);
    const label = container.querySelector(`label[for="box-0"]`);
    expect(label?.textContent).toBe('Serial number 1');
    expect(input(99_999)).toBeNull();
  });

  it('Enter moves focus, in the same keystroke, to the next empty box far below', () => {
    // Boxes 0..4999 are filled by edits; 0 is the only one typed now; the next empty is 5000.
    const store = new SerialBoxStore({ totalBoxes: 10_000, filledBoxes: 0 });
    store.fillFrom(1, Array.from({ length: 4999 }, (_, i) => `V${i + 1}`));
    const ref = render(store);
    act(() => ref.current!.focusBox(0));
    expect(document.activeElement).toBe(input(0));
    typeInto(input(0)!, 'SCAN-1');
    const enter = press(input(0)!, 'Enter');
    expect(enter.defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('box-5000');
    expect(store.box(0).value).toBe('SCAN-1');
  });

  it('Tab after typing moves to the next empty box; Tab on an untouched box leaves the list', () => {
    const store = new SerialBoxStore({ totalBoxes: 50, filledBoxes: 0 });
    store.setValue(1, 'taken');
    const ref = render(store);
    act(() => ref.current!.focusBox(0));
    const untouched = press(input(0)!, 'Tab');
    expect(untouched.defaultPrevented).toBe(false);
    typeInto(input(0)!, 'T-1');
    const afterScan = press(input(0)!, 'Tab');
    expect(afterScan.defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('box-2');
  });

  it('calls onNoEmptyBox when no empty box is left', () => {
    const store = new SerialBoxStore({ totalBoxes: 2, filledBoxes: 0 });
    let called = 0;
    const ref = render(store, () => called++);
    act(() => ref.current!.focusBox(0));
    typeInto(input(0)!, 'A');
    press(input(0)!, 'Enter');
    typeInto(input(1)!, 'B');
    press(input(1)!, 'Enter');
    expect(called).toBe(1);
  });

  it('one tab stop for the list; arrow keys move between boxes', () => {
    const store = new SerialBoxStore({ totalBoxes: 30, filledBoxes: 0 });
    const ref = render(store);
    expect([...container.querySelectorAll('input')].filter((i) => i.tabIndex === 0)).toHaveLength(1);
    act(() => ref.current!.focusBox(3));
    press(input(3)!, 'ArrowDown');
    expect(document.activeElement?.id).toBe('box-4');
    press(input(4)!, 'ArrowUp');
    press(input(3)!, 'ArrowUp');
    expect(document.activeElement?.id).toBe('box-2');
    expect([...container.querySelectorAll('input')].filter((i) => i.tabIndex === 0).map((i) => i.id)).toEqual(['box-2']);
  });

  it('a pasted column copied with empty rows below it (a whole spreadsheet column) fills only its values and clears no box', async () => {
    // Multiple use: boxes 1-4 hold saved serial numbers; the packer replaces the first two from a sheet.
    const saved = ['S-1', 'S-2', 'S-3', 'S-4'].map((value, box) => ({ box, identifierId: box + 1, value, status: 'available' as const, useCount: 0, locked: false, useBy: null }));
    const store = new SerialBoxStore({ totalBoxes: 8, filledBoxes: 4, initialBoxes: saved });
    const ref = render(store);
    act(() => ref.current!.focusBox(0));
    const clipboard = new DataTransfer();
    // As Google Sheets copies a whole column, and Excel a selection ending below its data (two columns here).
    clipboard.setData('text/plain', 'N-1\t\r\nN-2\t\r\n\t\r\n\r\n \r\n');
    const paste = new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true });
    await act(async () => {
      input(0)!.dispatchEvent(paste);
    });
    expect(paste.defaultPrevented).toBe(true);
    expect(store.allValues()).toEqual(['N-1', 'N-2', 'S-3', 'S-4', '', '', '', '']);
    expect(store.editsForSave().map((edit) => edit.box)).toEqual([0, 1]);
    expect(container.querySelector('.serial-box-paste-status')?.textContent).toBe('Pasted 2 values into boxes 1 to 2.');
  });

  it('a pasted column of GS1 codes captured with the scanner\'s GS substitute fills the serial numbers they carry', async () => {
    // A scan log from a scanner set to send "~" for GS: each code ends its serial with "~" before the use-by date.
    const store = new SerialBoxStore({ totalBoxes: 4, filledBoxes: 0 });
    const product = { sku: 'PHONE', title: 'Phone', barcode: '9506000134352', identifierKind: 'serial' as const };
    const entry = { product, nameOtherProduct: () => Promise.resolve('') };
    const settings = { maxInterKeyGapMs: 50, minLength: 4, terminator: 'Either', gsSubstitute: '~' } as const;
    act(() => {
      root.render(
        <ScannerSettingsProvider settings={settings}>
          <SerialBoxList store={store} label="Serial numbers" boxLabelPrefix="Serial number" idPrefix="box" entry={entry} />
        </ScannerSettingsProvider>,
      );
    });
    const clipboard = new DataTransfer();
    clipboard.setData('text/plain', '010950600013435221S-1~17270331\r\n010950600013435221S-2~17270331\r\n');
    const paste = new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true });
    await act(async () => {
      input(0)!.dispatchEvent(paste);
    });
    expect(store.allValues()).toEqual(['S-1', 'S-2', '', '']);
    expect(container.querySelector('.serial-box-paste-status')?.textContent).toBe('Pasted 2 values into boxes 1 to 2.');
  });

  it('shows problems on the box with aria-invalid and a description', () => {
    const store = new SerialBoxStore({ totalBoxes: 3, filledBoxes: 0 });
    render(store);
    act(() => store.setProblems(new Map([[1, '"X" is repeated']]), false));
    expect(input(1)!.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input(1)!.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy)?.textContent).toContain('"X" is repeated');
    expect(input(0)!.hasAttribute('aria-invalid')).toBe(false);
  });

  it('lot products: Tab after typing a lot moves to its date, Enter there to the next empty box; other kinds show no date', () => {
    const store = new SerialBoxStore({ totalBoxes: 20, filledBoxes: 0 });
    const ref = createRef<SerialBoxListHandle>();
    act(() => root.render(<SerialBoxList ref={ref} store={store} label="Lots" boxLabelPrefix="Serial number" idPrefix="box" withDates />));
    const date = (index: number) => document.getElementById(`box-${index}-use-by`) as HTMLInputElement;
    act(() => ref.current!.focusBox(0));
    typeInto(input(0)!, 'L-1');
    expect(press(input(0)!, 'Tab').defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(date(0));
    typeInto(date(0), 'not a date');
    press(date(0), 'Enter');
    // Refused in its row: the date goes back to the stored one (none), focus stays.
    expect(document.activeElement).toBe(date(0));
    expect(store.box(0)).toMatchObject({ useBy: '', problem: expect.stringContaining('"L-1" has a use-by date "not a date"') });
    press(date(0), 'ArrowDown');
    expect(document.activeElement).toBe(date(1));
    press(date(1), 'ArrowUp');
    expect(document.activeElement).toBe(date(0));
    typeInto(date(0), '2027-03-31');
    press(date(0), 'Enter');
    expect(document.activeElement?.id).toBe('box-1');
    expect(store.editsForSave()).toEqual([{ box: 0, identifierId: null, value: 'L-1', useBy: '2027-03-31' }]);
    // Tab on an untouched lot box is the browser's: the row's date box is the next tab stop.
    expect(press(input(1)!, 'Tab').defaultPrevented).toBe(false);
    expect([...container.querySelectorAll('input')].filter((i) => i.tabIndex === 0).map((i) => i.id)).toEqual(['box-1', 'box-1-use-by']);

    act(() => root.render(<SerialBoxList store={new SerialBoxStore({ totalBoxes: 20, filledBoxes: 0 })} label="Serials" boxLabelPrefix="Serial number" idPrefix="other" />));
    expect(container.querySelector('.serial-box-date-input')).toBeNull();
  });

  it('lot products: Tab after typing a use-by date (a scanner ending in Tab) checks it and moves to the next empty box', () => {
    const store = new SerialBoxStore({ totalBoxes: 20, filledBoxes: 0 });
    const ref = createRef<SerialBoxListHandle>();
    act(() => root.render(<SerialBoxList ref={ref} store={store} label="Lots" boxLabelPrefix="Serial number" idPrefix="box" withDates />));
    const date = (index: number) => document.getElementById(`box-${index}-use-by`) as HTMLInputElement;
    act(() => ref.current!.focusBox(0));
    typeInto(input(0)!, 'L-1');
    press(input(0)!, 'Tab');
    typeInto(date(0), '2027-02-30');
    // Refused in its row, as Enter refuses it; focus stays for the next scan.
    expect(press(date(0), 'Tab').defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(date(0));
    expect(store.box(0).problem).toContain('"L-1"');
    typeInto(date(0), '2027-03-31');
    expect(press(date(0), 'Tab').defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('box-1');
    typeInto(input(1)!, 'L-2');
    press(input(1)!, 'Tab');
    // Tab on a date box not typed into is the browser's (it leaves the list).
    expect(press(date(1), 'Tab').defaultPrevented).toBe(false);
    expect(store.editsForSave()).toEqual([
      { box: 0, identifierId: null, value: 'L-1', useBy: '2027-03-31' },
      { box: 1, identifierId: null, value: 'L-2' },
    ]);
  });

  it('lot products: a range typed with Tab to its date and Enter previews the range with that date; Fill boxes dates every lot', () => {
    const store = new SerialBoxStore({ totalBoxes: 120, filledBoxes: 0 });
    const ref = createRef<SerialBoxListHandle>();
    const entry = { product: { sku: 'CHEESE', title: 'Cheese', barcode: null, identifierKind: 'lot' as const }, nameOtherProduct: async () => '' };
    act(() => root.render(<SerialBoxList ref={ref} store={store} label="Lots" boxLabelPrefix="Serial number" idPrefix="box" entry={entry} withDates />));
    const date = (index: number) => document.getElementById(`box-${index}-use-by`) as HTMLInputElement;
    const preview = () => document.querySelector('dialog');
    act(() => ref.current!.focusBox(0));
    typeInto(input(0)!, 'L-001..L-100');
    press(input(0)!, 'Tab');
    // As for one lot: Tab goes on to the date, no preview yet.
    expect(document.activeElement).toBe(date(0));
    expect(preview()).toBeNull();
    typeInto(date(0), '2027-03-01');
    press(date(0), 'Enter');
    expect(preview()?.textContent).toContain('First valueL-001Last valueL-100Count100');
    const useBy = preview()!.querySelector('input')!;
    expect(useBy.value).toBe('2027-03-01');
    expect(document.activeElement).toBe(useBy);
    // A date that is not a date is refused in the preview; nothing is filled.
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(useBy, '2027-02-30');
      useBy.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => preview()!.querySelector('form')!.requestSubmit());
    expect(preview()!.querySelector('[role="alert"]')?.textContent).toContain('not a real date');
    expect(store.box(1).value).toBe('');
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(useBy, '2027-03-02');
      useBy.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => preview()!.querySelector('form')!.requestSubmit());
    expect(preview()).toBeNull();
    const saved = store.editsForSave();
    expect(saved).toHaveLength(100);
    expect(saved[0]).toEqual({ box: 0, identifierId: null, value: 'L-001', useBy: '2027-03-02' });
    expect(saved[99]).toEqual({ box: 99, identifierId: null, value: 'L-100', useBy: '2027-03-02' });
  });
});

describe('a refused scan in a box focused before its page was read', () => {
  it('leaves the box holding its saved value, not emptied (which would remove it at the next save)', async () => {
    let release!: () => void;
    const read = new Promise<void>((resolve) => (release = resolve));
    const box = (i: number) => ({ box: i, identifierId: i + 1, value: `S-${i + 1}`, status: 'available' as const, useCount: 0, locked: false });
    const store = new SerialBoxStore({
      totalBoxes: 3,
      filledBoxes: 3,
      loader: async (offset, limit) => {
        await read;
        return { totalBoxes: 3, filledBoxes: 3, boxes: [0, 1, 2].slice(offset, offset + limit).map(box) };
      },
    });
    render(store);
    // Focused while its page is still being read (Ctrl+End on a large grid): "Loading…", nothing held yet.
    act(() => input(1)!.focus());
    expect(store.box(1).loaded).toBe(false);
    await act(async () => {
      release();
      await read;
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(input(1)!.value).toBe('S-2');
    // A scan of a value box 1 holds: refused, and box 2 keeps its saved serial number.
    act(() => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setValue.call(input(1)!, 'S-1');
      input(1)!.dispatchEvent(new Event('input', { bubbles: true }));
    });
    press(input(1)!, 'Enter');
    expect(input(1)!.getAttribute('aria-invalid')).toBe('true');
    expect(input(1)!.value).toBe('S-2');
    expect(store.editCount).toBe(0);
  });
});

describe('the same scan refused twice', () => {
  it('is announced twice: the alert is put in anew, as ErrorText does with a refusal key', () => {
    const store = new SerialBoxStore({ totalBoxes: 3, filledBoxes: 0 });
    render(store);
    const alertLine = () => container.querySelector('.serial-box-list > [role=alert]')!;
    act(() => input(0)!.focus());
    typeInto(input(0)!, 'SN-1');
    press(input(0)!, 'Enter');
    expect(document.activeElement).toBe(input(1));
    // The packer scans the same unit again: refused in box 2, which keeps the focus.
    typeInto(input(1)!, 'SN-1');
    press(input(1)!, 'Enter');
    const first = alertLine();
    expect(first.textContent).toBe('"SN-1" was refused: it is already in box 1. Scan another.');
    // And again: the same words, in a new alert element (unchanged text in an alert is not read out again).
    typeInto(input(1)!, 'SN-1');
    press(input(1)!, 'Enter');
    const second = alertLine();
    expect(second.textContent).toBe('"SN-1" was refused: it is already in box 1. Scan another.');
    expect(second).not.toBe(first);
    expect(first.isConnected).toBe(false);
  });
});
