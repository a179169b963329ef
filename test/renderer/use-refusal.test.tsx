// @vitest-environment happy-dom
/**
 * useRefusal: `refuse` shows the words, beeps (the real refusal beep, heard through a stand-in
 * AudioContext) and gives a new key each time, also for the same words, so the ErrorText keyed by it
 * is put in anew and announced again; `clear` removes the words; the functions stay the same across renders.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { ErrorText } from '../../renderer/components/ErrorText.js';
import { useRefusal, type Refusal } from '../../renderer/components/use-refusal.js';
import { alertWords } from './alert-words.js';
import { countBeeps } from './fake-audio.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();

function mountHook() {
  const { container, root } = mounted();
  const seen: Refusal[] = [];
  function Screen() {
    const refusal = useRefusal();
    seen.push(refusal);
    return refusal.message ? <ErrorText again={refusal.key}>{refusal.message}</ErrorText> : null;
  }
  act(() => root.render(<Screen />));
  return { container, now: () => seen.at(-1)!, seen };
}

describe('useRefusal', () => {
  it('starts with nothing refused and beeps for nothing', async () => {
    const { container, now } = mountHook();
    expect(now().message).toBeNull();
    expect(container.querySelector('[role=alert]')).toBeNull();
    await beeps.played();
    expect(beeps.count()).toBe(0);
  });

  it('refuse shows the words, beeps, and gives a new key each time, so the same words are put in anew', async () => {
    const { container, now } = mountHook();
    act(() => now().refuse('Enter a box number from 1 to 3.'));
    const first = container.querySelector('[role=alert]');
    const firstWords = alertWords(first);
    const firstKey = now().key;
    expect(now().message).toBe('Enter a box number from 1 to 3.');
    expect(first?.textContent).toBe('⚠ Enter a box number from 1 to 3.');
    await beeps.played();
    expect(beeps.count()).toBe(1);

    act(() => now().refuse('Enter a box number from 1 to 3.'));
    const second = container.querySelector('[role=alert]');
    expect(now().key).not.toBe(firstKey);
    expect(second?.textContent).toBe(first?.textContent);
    // A new alert, not the same one left unchanged (which a screen reader would not read again).
    expect(alertWords(second)).not.toBe(firstWords);
    expect(firstWords?.isConnected).toBe(false);
    await beeps.played();
    expect(beeps.count()).toBe(2);
  });

  it('clear removes the words without a beep; refused again after, they are shown again', async () => {
    const { container, now } = mountHook();
    act(() => now().refuse('Type or scan an identifier to look up.'));
    act(() => now().clear());
    expect(now().message).toBeNull();
    expect(container.querySelector('[role=alert]')).toBeNull();
    act(() => now().refuse('Type or scan an identifier to look up.'));
    expect(container.querySelector('[role=alert]')?.textContent).toBe('⚠ Type or scan an identifier to look up.');
    await beeps.played();
    expect(beeps.count()).toBe(2);
  });

  it('keeps refuse and clear the same functions across renders (safe in effects and callbacks)', () => {
    const { now, seen } = mountHook();
    act(() => now().refuse('No.'));
    act(() => now().clear());
    expect(seen.length).toBeGreaterThan(2);
    expect(new Set(seen.map((r) => r.refuse)).size).toBe(1);
    expect(new Set(seen.map((r) => r.clear)).size).toBe(1);
  });
});
