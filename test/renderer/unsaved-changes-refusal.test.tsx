// @vitest-environment happy-dom
/**
 * "Save" in the leave question, refused: the packer stays, and the focus is on why as soon as the
 * question has closed. It used to be moved a frame later, and on a loaded bench the question's own
 * focus return (to the link that asked to leave) could land after it: the focus ended on the link.
 */
import { act, useState } from 'react';
import type { Root } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { alertWords } from './alert-words.js';
import { countBeeps } from './fake-audio.js';
import { UnsavedChangesProvider, useLeaveGuard } from '../../renderer/app/unsaved-changes.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
const beeps = countBeeps();
let container: HTMLDivElement;
let root: Root;
beforeEach(() => ({ container, root } = mounted()));

function Screen() {
  const [refused, setRefused] = useState(false);
  const confirmLeave = useLeaveGuard({
    hasUnsaved: () => true,
    save: async () => {
      setRefused(true);
      return false;
    },
    describe: () => 'The settings have unsaved changes.',
    focusRefusal: () => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
  });
  return (
    <>
      <input aria-label="Scanner key interval (ms)" aria-invalid={refused || undefined} defaultValue="5000" />
      <button type="button" id="leave" onClick={() => confirmLeave(() => undefined)}>
        Products
      </button>
    </>
  );
}

describe('the leave question', () => {
  it('puts the focus on the refused field in the commit that closes it, not on the link that asked to leave', async () => {
    // A loaded bench: no frame comes before the question's commit is over (the frame used to win).
    const frame = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0;
    try {
      await leaveAndSave();
    } finally {
      window.requestAnimationFrame = frame;
    }
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Scanner key interval (ms)');
  });
});

/** A screen whose save answers only when the test lets it go (a slow bench). */
function SlowScreen({ onLeft }: { onLeft: () => void }) {
  const confirmLeave = useLeaveGuard({
    hasUnsaved: () => true,
    save: () => new Promise<boolean>((resolve) => (releaseSave = () => resolve(true))),
    describe: () => 'You have 3 unsaved serial numbers.',
  });
  return (
    <button type="button" id="leave" onClick={() => confirmLeave(onLeft)}>
      Products
    </button>
  );
}
let releaseSave = () => {};

describe('the leave question while its Save runs', () => {
  it('refuses Save, Discard, Stay and Escape pressed meanwhile in words, announced and beeped (it was silent); the save then leaves once', async () => {
    let left = 0;
    act(() => root.render(<UnsavedChangesProvider><SlowScreen onLeft={() => void left++} /></UnsavedChangesProvider>));
    const leave = document.getElementById('leave')!;
    leave.focus();
    act(() => leave.click());
    const dialogButton = (name: string) => [...container.querySelectorAll('dialog button')].find((b) => b.textContent === name) as HTMLButtonElement;
    const save = dialogButton('Save');
    await act(async () => save.click());
    expect(container.querySelector('dialog')?.textContent).toContain('Saving…');

    const presses: Array<() => void> = [
      () => dialogButton('Save').click(),
      () => dialogButton('Discard').click(),
      () => dialogButton('Stay').click(),
      () => void container.querySelector('dialog')!.dispatchEvent(new Event('cancel', { cancelable: true })),
    ];
    let words: Node | null = null;
    for (const press of presses) {
      const before = beeps.count();
      act(press);
      await beeps.played();
      const alert = container.querySelector('dialog [role=alert]');
      expect(alert?.textContent).toBe('⚠ Already saving: wait for Save to answer.');
      // Put in anew each time: announced again.
      expect(alertWords(alert)).not.toBe(words);
      words = alertWords(alert);
      expect(beeps.count()).toBe(before + 1);
      expect(container.querySelector('dialog')).not.toBeNull();
      expect(left).toBe(0);
    }

    await act(async () => releaseSave());
    expect(container.querySelector('dialog')).toBeNull();
    expect(left).toBe(1);
  });
});

async function leaveAndSave() {
    act(() => root.render(<UnsavedChangesProvider><Screen /></UnsavedChangesProvider>));
    const leave = document.getElementById('leave')!;
    leave.focus();
    act(() => leave.click());
    const save = [...container.querySelectorAll('dialog button')].find((b) => b.textContent === 'Save') as HTMLButtonElement;
    expect(save).toBeDefined();
    await act(async () => save.click());
    expect(container.querySelector('dialog')).toBeNull();
}
