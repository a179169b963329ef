// @vitest-environment happy-dom
/**
 * The allocation picker as a keyboard user and a scanner drive it: an ARIA combobox whose options
 * come from a search function (the core), never more than a page of them; what Enter/Tab/Escape
 * mean; and that a scan (fast keys) is reported as one, typing is not.
 */
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Candidate, CandidateBranch } from '../../shared/contract/api.js';
import type { Result } from '../../shared/contract/result.js';
import { IdentifierPicker, type IdentifierPickerProps } from '../../renderer/screens/orders/allocation/IdentifierPicker.js';
import { SETTLED_TEXT_DELAY_MS as STATUS_ANNOUNCE_DELAY_MS } from '../../renderer/components/use-settled-text.js';
import { mountPointPerTest } from './mount.js';

const ALL = Array.from({ length: 100_000 }, (_, i) => `SN-${String(i).padStart(6, '0')}`);

function candidate(value: string, index: number): Candidate {
  return { identifierId: index + 1, value, status: 'available', inUseBy: value === 'SN-000003' ? { orderId: 7, orderNumber: 'SO-7', lineId: 70, unit: 1 } : null };
}

/** Stands in for the core's prefix search with a limit of 50. */
function fakeSearch() {
  return vi.fn(async (query: string): Promise<Result<{ items: Candidate[]; more: boolean }>> => {
    const matches = ALL.filter((v) => v.startsWith(query));
    return { ok: true, value: { items: matches.slice(0, 50).map(candidate), more: matches.length > 50 } };
  });
}

/** The same search reading ahead as the core does: for a partial answer, the first `rows` values after each next character. */
function fakeSearchReadingAhead(rows = 20) {
  return vi.fn(async (query: string): Promise<Result<{ items: Candidate[]; more: boolean; next?: CandidateBranch[] }>> => {
    const matches = ALL.filter((v) => v.startsWith(query));
    const more = matches.length > 50;
    const items = matches.slice(0, 50).map(candidate);
    if (!more) return { ok: true, value: { items, more } };
    const characters = [...new Set(matches.map((v) => v.charAt(query.length)).filter((c) => c !== ''))];
    const next = characters.map((c) => {
      const branch = matches.filter((v) => v.startsWith(query + c));
      return { query: query + c, items: branch.slice(0, rows).map(candidate), more: branch.length > rows };
    });
    return { ok: true, value: { items, more, next } };
  });
}

const mounted = mountPointPerTest();
let container: HTMLDivElement;
let root: Root;
beforeEach(() => ({ container, root } = mounted()));

function render(overrides: Partial<IdentifierPickerProps> = {}) {
  const props: IdentifierPickerProps = {
    id: 'pick',
    label: 'SO-1 PHN unit 1',
    chosen: null,
    pendingText: null,
    message: null,
    search: fakeSearch(),
    onChoose: vi.fn(),
    onCommitText: vi.fn(),
    onAdvance: vi.fn(),
    ...overrides,
  };
  act(() => root.render(<IdentifierPicker {...props} />));
  return props;
}

const input = () => container.querySelector<HTMLInputElement>('[role=combobox]')!;
const options = () => [...container.querySelectorAll<HTMLElement>('[role=option]')];

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 60));
  });
}

function key(key: string, at: number, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, 'timeStamp', { value: at });
  act(() => void input().dispatchEvent(event));
  return event;
}

/** A key as the browser delivers it to a text box: keydown, then the new value and an input event. */
function typeKey(char: string, at: number) {
  key(char, at);
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(input(), input().value + char);
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('identifier picker', () => {
  it('is a combobox with a listbox popup, closed at first', () => {
    render({ message: 'Something is wrong' });
    expect(input().getAttribute('aria-label')).toBe('SO-1 PHN unit 1');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    const listbox = document.getElementById(input().getAttribute('aria-controls')!)!;
    expect(listbox.getAttribute('role')).toBe('listbox');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    // The words are on the box row's message line (AllocationBoxRow), which keeps its height when empty.
    expect(input().getAttribute('aria-describedby')).toBe('pick-message');
  });

  it('ArrowDown opens a page of options from the search, never all 100,000; arrows move the active option', async () => {
    const props = render();
    key('ArrowDown', 0);
    await settle();
    expect(input().getAttribute('aria-expanded')).toBe('true');
    // A page of 50 from the core; only what the popup can show is rendered, each saying its place in the 50.
    expect(options()).toHaveLength(12);
    expect(options()[11]!.getAttribute('aria-posinset')).toBe('12');
    expect(options()[11]!.getAttribute('aria-setsize')).toBe('50');
    expect(container.textContent).toContain('First 50 shown: type more to narrow the list.');
    expect(props.search).toHaveBeenCalledWith('', true);
    key('ArrowDown', 10);
    key('ArrowDown', 20);
    expect(input().getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    expect(options()[1]!.getAttribute('aria-selected')).toBe('true');
    key('Enter', 30);
    expect(props.onChoose).toHaveBeenCalledWith(expect.objectContaining({ value: 'SN-000001' }), true, false);
    expect(input().getAttribute('aria-expanded')).toBe('false');
  });

  it('Alt+Down on an open list does nothing: the list and its highlighted option stay, the core is not asked again', async () => {
    const props = render();
    key('ArrowDown', 0);
    await settle();
    key('ArrowDown', 10);
    key('ArrowDown', 20);
    const calls = vi.mocked(props.search).mock.calls.length;
    const alt = key('ArrowDown', 30, { altKey: true });
    await settle();
    expect(alt.defaultPrevented).toBe(true);
    expect(input().getAttribute('aria-expanded')).toBe('true');
    expect(input().getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    expect(vi.mocked(props.search).mock.calls.length).toBe(calls);
    key('Enter', 40);
    expect(props.onChoose).toHaveBeenCalledWith(expect.objectContaining({ value: 'SN-000001' }), true, false);
  });

  it('Home, End, Left and Right act on the text and clear the highlighted option, so Enter then takes the typed text', async () => {
    for (const [i, name] of ['Home', 'End', 'ArrowLeft', 'ArrowRight'].entries()) {
      const at = i * 10_000;
      const props = render({ onChoose: vi.fn(), onCommitText: vi.fn() });
      [...'SN-0001'].forEach((char, j) => typeKey(char, at + j * 150));
      await settle();
      key('ArrowDown', at + 2000);
      expect(input().getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
      input().setSelectionRange(3, 3);
      const moved = key(name, at + 2100);
      expect(input().hasAttribute('aria-activedescendant'), name).toBe(false);
      expect(options().some((o) => o.getAttribute('aria-selected') === 'true'), name).toBe(false);
      expect(input().getAttribute('aria-expanded'), name).toBe('true');
      // Home/End put the caret at the start/end; Left/Right are left to the browser to move it.
      if (name === 'Home') expect([moved.defaultPrevented, input().selectionStart, input().selectionEnd]).toEqual([true, 0, 0]);
      if (name === 'End') expect([moved.defaultPrevented, input().selectionStart, input().selectionEnd]).toEqual([true, 7, 7]);
      if (name.startsWith('Arrow')) expect(moved.defaultPrevented, name).toBe(false);
      key('Enter', at + 2200);
      expect(props.onChoose, name).not.toHaveBeenCalled();
      expect(props.onCommitText, name).toHaveBeenCalledWith('SN-0001', { scanned: false, advance: true, byHandTab: false });
      act(() => root.render(<></>));
    }
  });

  it('while the answer for typed text is on its way, no shown option that does not match it can be highlighted or picked', async () => {
    const core = fakeSearch();
    const held: Array<() => void> = [];
    // Answers wait until the test lets them through, as a slow core would.
    const search = vi.fn((query: string, _readAhead?: boolean) => new Promise<Awaited<ReturnType<typeof core>>>((resolve) => held.push(() => void core(query).then(resolve))));
    const props = render({ search });
    key('ArrowDown', 0);
    await settle();
    await act(async () => void held.splice(0).forEach((release) => release()));
    await settle();
    expect(options()[0]!.textContent).toBe('SN-000000'); // the empty box's answer: SN-000000 … SN-000049
    [...'SN-09'].forEach((char, i) => typeKey(char, 1000 + i * 150));
    await settle();
    // Nothing shown starts with "SN-09", and its answer is still out.
    expect(search).toHaveBeenLastCalledWith('SN-09', true);
    expect(held.length).toBeGreaterThan(0);
    expect(options().every((o) => o.textContent!.startsWith('SN-09'))).toBe(true);
    key('ArrowDown', 2000);
    expect(input().hasAttribute('aria-activedescendant')).toBe(false);
    key('Enter', 2100);
    expect(props.onChoose).not.toHaveBeenCalled();
    expect(props.onCommitText).toHaveBeenCalledWith('SN-09', { scanned: false, advance: true, byHandTab: false });
  });

  it('marks options already in use by another order', async () => {
    render();
    key('ArrowDown', 0);
    await settle();
    expect(options()[3]!.textContent).toBe('SN-000003 — in use by order SO-7');
  });

  it('type-ahead asks the search for what is typed and shows only its answer', async () => {
    const props = render();
    typeKey('S', 0);
    await settle();
    for (const [i, char] of [...'N-09999'].entries()) {
      typeKey(char, 200 + i * 150);
      await settle();
    }
    expect(props.search).toHaveBeenLastCalledWith('SN-09999', true);
    expect(options().map((o) => o.textContent)).toEqual(Array.from({ length: 10 }, (_, i) => `SN-09999${i}`));
  });

  it('Enter on typed text commits it as typed; a fast run of keys is reported as a scan', async () => {
    const onCommitText = vi.fn();
    render({ onCommitText });
    [...'SN-000042'].forEach((char, i) => typeKey(char, 1000 + i * 150));
    key('Enter', 1000 + 9 * 150);
    expect(onCommitText).toHaveBeenLastCalledWith('SN-000042', { scanned: false, advance: true, byHandTab: false });

    act(() => root.render(<IdentifierPicker id="pick" label="x" chosen={null} pendingText={null} message={null} search={fakeSearch()} onChoose={vi.fn()} onCommitText={onCommitText} onAdvance={vi.fn()} />));
    [...'SN-000043'].forEach((char, i) => typeKey(char, 5000 + i * 4));
    const tab = key('Tab', 5000 + 9 * 4);
    expect(tab.defaultPrevented).toBe(true);
    expect(onCommitText).toHaveBeenLastCalledWith('SN-000043', { scanned: true, advance: true, byHandTab: false });

    // Typed by hand, then Tab: it moves on as Tab does (to the very next box), said so to the dialog.
    act(() => root.render(<IdentifierPicker id="pick" label="x" chosen={null} pendingText={null} message={null} search={fakeSearch()} onChoose={vi.fn()} onCommitText={onCommitText} onAdvance={vi.fn()} />));
    [...'SN-000044'].forEach((char, i) => typeKey(char, 9000 + i * 150));
    const handTab = key('Tab', 9000 + 9 * 150);
    expect(handTab.defaultPrevented).toBe(true);
    expect(onCommitText).toHaveBeenLastCalledWith('SN-000044', { scanned: false, advance: true, byHandTab: true });
  });

  it('narrows the shown options in the keystroke itself, and asks the core nothing when the shown answer was complete', async () => {
    const search = fakeSearch();
    render({ search });
    [...'SN-0999'].forEach((char, i) => typeKey(char, i * 150));
    await settle();
    expect(options()).toHaveLength(12); // SN-099900 … SN-099999: 100 values, first 50 from the core
    const calls = search.mock.calls.length;
    typeKey('0', 2000);
    // Before any answer: the values shown already are those that start with "SN-09990".
    expect(options().map((o) => o.textContent)).toEqual(Array.from({ length: 10 }, (_, i) => `SN-09990${i}`));
    await settle();
    expect(search.mock.calls.length).toBe(calls + 1);
    typeKey('7', 2300);
    expect(options().map((o) => o.textContent)).toEqual(['SN-099907']);
    await settle();
    expect(search.mock.calls.length).toBe(calls + 1); // a complete answer narrowed: no request
  });

  it("shows the next keystroke's options in the keystroke itself from the read-ahead, whatever the next character", async () => {
    const search = fakeSearchReadingAhead();
    render({ search });
    [...'SN-0'].forEach((char, i) => typeKey(char, i * 150));
    await settle(); // shown: SN-000000 … SN-000049; read ahead: SN-00…, SN-01…, …, SN-09…
    const calls = search.mock.calls.length;
    typeKey('5', 1000);
    // Nothing shown starts with "SN-05", yet its first values are there before any answer.
    expect(options().map((o) => o.textContent)).toEqual(Array.from({ length: 12 }, (_, i) => `SN-0500${String(i).padStart(2, '0')}`));
    // The core is asked for the rest only after the frame that shows them (a request costs the page time).
    expect(search.mock.calls.length).toBe(calls);
    await settle(); // the rest of "SN-05" is asked for (and its read-ahead comes with it)
    expect(search).toHaveBeenLastCalledWith('SN-05', true);
    expect(search.mock.calls.length).toBe(calls + 1);
    expect(container.textContent).toContain('First 50 shown: type more to narrow the list.');
    typeKey('9', 1300);
    expect(options()[0]!.textContent).toBe('SN-059000');
    await settle();
    typeKey('9', 2000);
    await settle();
    const before = search.mock.calls.length;
    typeKey('4', 3000);
    // "SN-0599" (100 values) read ahead "SN-05994" whole (10 values): shown at once, the core is not asked,
    // though the shown first 50 of "SN-0599" could not tell that these are all.
    expect(options().map((o) => o.textContent)).toEqual(Array.from({ length: 10 }, (_, i) => `SN-05994${i}`));
    await settle();
    expect(search.mock.calls.length).toBe(before);
    expect(container.textContent).toContain('10 identifiers.');
  });

  it("the first key typed while the empty box's answer is on its way is shown from that answer's read-ahead, not after a second answer", async () => {
    const core = fakeSearchReadingAhead();
    const held: Array<() => void> = [];
    // Answers wait until the test lets them through, as a slow core would.
    const search = vi.fn((query: string, _readAhead?: boolean) => new Promise<Awaited<ReturnType<typeof core>>>((resolve) => held.push(() => void core(query).then(resolve))));
    render({ search });
    typeKey('x', 0);
    act(() => void input().select());
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    act(() => {
      setValue.call(input(), '');
      input().dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    held.splice(0).forEach((release) => release()); // "x" answered (nothing matches)
    await settle();
    // The box emptied: the empty query goes out; "S" is typed before its answer is back.
    expect(search).toHaveBeenLastCalledWith('', true);
    typeKey('S', 1000);
    expect(options()).toHaveLength(0);
    const asked = search.mock.calls.length;
    await act(async () => {
      held.splice(0).forEach((release) => release());
      await Promise.resolve();
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    // The empty query's answer read ahead "S": its values are shown with no answer for "S" itself yet.
    expect(options()[0]!.textContent).toBe('SN-000000');
    expect(input().value).toBe('S');
    await settle();
    expect(search.mock.calls.length).toBe(asked + 1);
    expect(search).toHaveBeenLastCalledWith('S', true);
  });

  it('Ctrl+] (how a scanner types GS) puts a GS separator into the box', () => {
    const onCommitText = vi.fn();
    render({ onCommitText });
    typeKey('0', 0);
    const ctrl = key(']', 10, { ctrlKey: true });
    expect(ctrl.defaultPrevented).toBe(true);
    typeKey('2', 20);
    key('Enter', 400);
    expect(onCommitText).toHaveBeenLastCalledWith('0\u001d2', { scanned: false, advance: true, byHandTab: false });
  });

  it('a scan neither opens the popup nor floods the search; fast keys that stop without Enter open it for their text', async () => {
    // The scanner's gap is a timer and the burst check reads the clock: fake time keeps "60 ms later"
    // from being 120 ms on a busy machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
    onTestFinished(() => void vi.useRealTimers());
    const later = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
    const search = fakeSearch();
    render({ search });
    act(() => input().focus());
    [...'SN-000123'].forEach((char, i) => typeKey(char, i * 3));
    expect(input().getAttribute('aria-expanded')).toBe('false');
    await later(60); // still within the scanner's longest gap (100 ms by default)
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(options()).toHaveLength(0);
    expect(search.mock.calls.length).toBeLessThanOrEqual(1); // the first key's, before the run was seen
    // No Enter or Tab came: it was typing after all, so the popup opens for the text.
    await later(80);
    await later(60);
    expect(input().getAttribute('aria-expanded')).toBe('true');
    expect(search).toHaveBeenLastCalledWith('SN-000123', true);
    expect(options().map((o) => o.textContent)).toEqual(['SN-000123']);
  });

  it('Enter on an unchanged box moves on; plain Tab leaves it as usual', () => {
    const props = render({ chosen: { identifierId: 1, value: 'SN-000000', inUseBy: null } });
    expect(input().value).toBe('SN-000000');
    key('Enter', 0);
    expect(props.onAdvance).toHaveBeenCalledTimes(1);
    const tab = key('Tab', 100);
    expect(tab.defaultPrevented).toBe(false);
    expect(props.onCommitText).not.toHaveBeenCalled();
  });

  it('Escape closes the popup without letting the dialog close, then undoes typing', async () => {
    render({ chosen: { identifierId: 1, value: 'SN-000000', inUseBy: null } });
    typeKey('X', 0);
    await settle();
    expect(input().getAttribute('aria-expanded')).toBe('true');
    const first = key('Escape', 300);
    expect(first.defaultPrevented).toBe(true);
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(input().value).toBe('SN-000000X');
    key('Escape', 600);
    expect(input().value).toBe('SN-000000');
  });

  it('an emptied box commits as empty (clearing the allocation)', () => {
    const onCommitText = vi.fn();
    render({ chosen: { identifierId: 1, value: 'SN-000000', inUseBy: null }, onCommitText });
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    act(() => {
      setValue.call(input(), '');
      input().dispatchEvent(new Event('input', { bubbles: true }));
    });
    key('Enter', 0);
    expect(onCommitText).toHaveBeenCalledWith('', { scanned: false, advance: true, byHandTab: false });
  });

  it('announces how many identifiers match politely, once typing settles, not at every keystroke', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
    onTestFinished(() => void vi.useRealTimers());
    // Time passes in small steps, so what the timers set off (the scan-run check, the search) renders as it would.
    const later = async (ms: number) => {
      for (let left = ms; left > 0; left -= 10) await act(async () => void (await vi.advanceTimersByTimeAsync(Math.min(10, left))));
    };
    render();
    // A live region that is there before anything is said in it (a region added with its words is often not read).
    const region = () => container.querySelector<HTMLElement>('[aria-live=polite]');
    expect(region()).not.toBeNull();
    expect(region()!.getAttribute('aria-atomic')).toBe('true');
    expect(region()!.textContent).toBe('');
    const hint = () => container.querySelector('.picker-hint')?.textContent;
    const pause = Math.floor(STATUS_ANNOUNCE_DELAY_MS / 2); // a packer's gap between keys, shorter than the settling delay

    act(() => input().focus());
    const said: string[] = [];
    const observer = new MutationObserver(() => said.push(region()!.textContent ?? ''));
    observer.observe(region()!, { childList: true, characterData: true, subtree: true });
    onTestFinished(() => observer.disconnect());
    // Typed at a person's pace: the visible line follows each keystroke, the live region stays quiet meanwhile.
    let at = 0;
    for (const char of 'SN-0999') {
      typeKey(char, (at += 1_000));
      await later(pause);
      expect(region()!.textContent).toBe('');
    }
    expect(hint()).toBe('First 50 shown: type more to narrow the list.');
    typeKey('9', (at += 1_000));
    await later(pause);
    expect(hint()).toBe('10 identifiers.');
    expect(region()!.textContent).toBe('');
    // Typing settles: the count is said once.
    await later(STATUS_ANNOUNCE_DELAY_MS);
    expect(region()!.textContent).toBe('10 identifiers.');
    expect(said.filter((t) => t !== '')).toEqual(['10 identifiers.']);

    typeKey('X', (at += 1_000));
    await later(STATUS_ANNOUNCE_DELAY_MS + pause);
    expect(hint()).toBe('No identifiers match.');
    expect(region()!.textContent).toBe('No identifiers match.');
    // The popup shut: nothing stays in the region to be read again.
    key('Escape', at + 1_000);
    await later(STATUS_ANNOUNCE_DELAY_MS);
    expect(region()!.textContent).toBe('');
  });
});
