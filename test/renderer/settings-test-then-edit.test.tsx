// @vitest-environment happy-dom
/**
 * The Settings screen against a real core with its settings file: a Test connection still running when
 * the hub URL is corrected speaks for an address no longer on the screen (its answer is dropped). It no
 * longer holds up Save Changes or a new Test connection (both were refused, beeped, until the old
 * address timed out) and the status no longer says "Testing the connection…" about it.
 */
import { act } from 'react';
import { expect, it } from 'vitest';
import type { BenchApi } from '../../shared/contract/api.js';
import { settle, typeInto } from './dom-helpers.js';
import { countBeeps } from './fake-audio.js';
import { withHeldCall } from './held-call.js';
import { button, field, settingsOnRealCore } from './settings-on-real-core.js';

const beeps = countBeeps();
const { openScreen } = settingsOnRealCore('bench-settings-screen-');
const hubCheck = () => document.querySelector('.hub-check')!;

it('a test still running for a hub URL since corrected holds up neither Save Changes nor a new test', async () => {
  const tested: unknown[] = [];
  const saved: string[] = [];
  let release = () => {};
  // The third test (the mistyped address again, at the end) is held too: answered at once (a DNS
  // failure can be quick), it would come back before the correction and be rightly beeped.
  let releaseThird = () => {};
  const thirdHeld = new Promise<void>((resolve) => (releaseThird = resolve));
  let thirdAnswered: Promise<unknown> = Promise.resolve();
  await openScreen({
    screenApi: (core) => {
      const held = withHeldCall(core, 'testHubConnection');
      release = held.release;
      return new Proxy(held.api, {
        get: (target, method: keyof BenchApi) =>
          method === 'testHubConnection'
            ? async (args: never) => {
                if (tested.push(args) !== 3) return target.testHubConnection(args);
                await thirdHeld;
                return (thirdAnswered = target.testHubConnection(args));
              }
            : target[method],
      });
    },
    onSaved: (s) => saved.push(s.hubUrl),
  });

  // A mistyped address (one that would take its time to answer), tested.
  typeInto(field('Hub URL'), 'http://hub.invalid:8787');
  typeInto(field('Bench token'), 'bench-token-1');
  await act(async () => button('Test connection').click());
  expect(hubCheck().textContent).toBe('Testing the connection…');

  // Corrected: the test running is about an address no longer on the screen.
  typeInto(field('Hub URL'), 'http://127.0.0.1:9');
  expect(hubCheck().textContent).toBe('');

  // Test connection again tests the corrected address, at once and without a beep.
  await act(async () => button('Test connection').click());
  expect(tested).toEqual([
    { hubUrl: 'http://hub.invalid:8787', token: 'bench-token-1' },
    { hubUrl: 'http://127.0.0.1:9', token: 'bench-token-1' },
  ]);
  expect(hubCheck().textContent).toBe('Testing the connection…');
  await beeps.played();
  expect(beeps.count()).toBe(0);
  release();
  await settle();
  await settle();
  expect(hubCheck().getAttribute('data-outcome')).toBe('unreachable');
  // The corrected address's own answer, "Unreachable", is a refusal: its one beep.
  await beeps.played();
  expect(beeps.count()).toBe(1);

  // And Save Changes saves, rather than being refused while an old test runs.
  typeInto(field('Hub URL'), 'http://hub.invalid:8787');
  await act(async () => button('Test connection').click());
  // It reached the core (held there), so the late answer checked below is a real one.
  expect(tested).toHaveLength(3);
  expect(tested[2]).toEqual({ hubUrl: 'http://hub.invalid:8787', token: 'bench-token-1' });
  typeInto(field('Hub URL'), 'http://127.0.0.1:9');
  await act(async () => button('Save Changes').click());
  await settle();
  expect(document.querySelector('[role="alert"]')?.textContent ?? '').toBe('');
  expect(document.querySelector('.settings-saved')?.textContent).toBe('Settings saved.');
  expect(saved).toEqual(['http://127.0.0.1:9']);
  await beeps.played();
  expect(beeps.count()).toBe(1);
  // The mistyped address's answer, come at last, is about an address no longer on the screen: dropped, not beeped.
  releaseThird();
  await settle();
  await act(async () => void (await thirdAnswered));
  await settle();
  await beeps.played();
  expect(beeps.count()).toBe(1);
  expect(hubCheck().textContent).not.toContain('hub.invalid');
});

it('Save Changes pressed again while the save runs is refused in words and beeped, and saves once', async () => {
  let saves = 0;
  let release = () => {};
  await openScreen({
    screenApi: (core) => {
      const held = withHeldCall(core, 'saveSettings');
      release = held.release;
      return new Proxy(held.api, {
        get: (target, method: keyof BenchApi) => (method === 'saveSettings' ? (args: never) => (saves++, target.saveSettings(args)) : target[method]),
      });
    },
  });
  typeInto(field('Bench name'), 'Packing 2');
  await act(async () => button('Save Changes').click());
  await act(async () => button('Save Changes').click());
  await beeps.played();
  expect(document.querySelector('[role="alert"]')?.textContent).toContain('Already saving: wait for Save Changes to answer.');
  expect(beeps.count()).toBe(1);
  release();
  await settle();
  await settle();
  expect(saves).toBe(1);
  expect(document.querySelector('.settings-saved')?.textContent).toBe('Settings saved.');
  expect(document.querySelector('[role="alert"]')?.textContent ?? '').toBe('');
});

it('an answer to Test connection that comes after the packer left Settings is not beeped on the screen they went to', async () => {
  let release = () => {};
  const { leave } = await openScreen({
    screenApi: (core) => {
      const held = withHeldCall(core, 'testHubConnection');
      release = held.release;
      return held.api;
    },
  });
  typeInto(field('Hub URL'), 'http://127.0.0.1:9');
  await act(async () => button('Test connection').click());
  expect(hubCheck().textContent).toBe('Testing the connection…');
  await leave();
  release(); // "Unreachable": a refusal on Settings, but Settings is gone
  await settle();
  await settle();
  await beeps.played();
  expect(beeps.count()).toBe(0);
});
