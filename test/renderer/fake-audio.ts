/**
 * happy-dom has no WebAudio: a stand-in AudioContext (the browser's API, not ours) that counts the
 * tones started, so a test hears the real refusal beep (renderer/scanner/beep.ts) without a device.
 */
import { act } from 'react';
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * One counter and one class for every test file of a worker: the beep module keeps the first context it
 * made for the rest of the worker's files (they share loaded modules), so that context must count here too.
 */
let tones = 0;
class FakeAudioContext {
  state = 'running';
  currentTime = 0;
  destination = {};
  resume = async () => {};
  createGain() {
    return { gain: { value: 0 }, connect: (next: unknown) => next, disconnect: () => {} };
  }
  createOscillator() {
    return { type: '', frequency: { value: 0 }, connect: (next: unknown) => next, disconnect: () => {}, start: () => void (tones += 1), stop: () => {} };
  }
}

export function countBeeps(): { count: () => number; played: () => Promise<void> } {
  beforeEach(async () => {
    vi.stubGlobal('AudioContext', FakeAudioContext);
    // A beep still on its way from the test before (one that failed early) is not counted in this one.
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(() => setTimeout(resolve, 0), 0)));
    tones = 0;
  });
  afterEach(() => void vi.unstubAllGlobals());
  return {
    count: () => tones,
    // The beep starts after the next frame is painted, then a task: wait for both.
    played: () => act(async () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(() => setTimeout(resolve, 0), 0)))),
  };
}
