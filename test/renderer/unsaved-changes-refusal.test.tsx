// @vitest-environment happy-dom
/**
 * "Save" in the leave question, refused: the packer stays, and the focus is on why as soon as the
 * question has closed. It used to be moved a frame later, and on a loaded bench the question's own
 * focus return (to the link that asked to leave) could land after it: the focus ended on the link.
 */
import { act, useState } from 'react';
import type { Root } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { UnsavedChangesProvider, useLeaveGuard } from '../../renderer/app/unsaved-changes.js';
import { mountPointPerTest } from './mount.js';

const mounted = mountPointPerTest();
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
