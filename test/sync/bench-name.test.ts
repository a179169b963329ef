/**
 * The bench's name once it syncs: the hub names every bench, so the first sync gives this bench the
 * hub's name, every open window is told (a settings event, no polling), Settings says who names it,
 * and a different name saved here is refused in words rather than undone at the next sync.
 */
import { describe, expect, it } from 'vitest';
import type { BenchEvent } from '../../shared/contract/change-events.js';
import type { ArgsOf, BenchSettingsView } from '../../shared/contract/api.js';
import { openCoreRuntime, type CoreRuntime } from '../../electron/core/service/core-runtime.js';
import { benchDatabaseFile } from '../../electron/core/paths.js';
import { browserModeSettings } from '../../electron/web/main.js';
import { tempDir } from '../core/helpers.js';
import { useSyncFixture, WAREHOUSE } from './harness.js';

const fx = useSyncFixture();

async function openRuntime(): Promise<{ runtime: CoreRuntime; events: BenchEvent[] }> {
  const dir = tempDir('bench-name-');
  const events: BenchEvent[] = [];
  const runtime = await openCoreRuntime(
    { file: benchDatabaseFile(dir), stationName: 'Typed at the bench', settings: { ...browserModeSettings(dir, {}), syncOptions: { minBackoffMs: 20, maxBackoffMs: 200 } } },
    { emit: (event) => events.push(event), log: () => undefined, askRelay: () => Promise.reject(new Error('No key store here.')) },
  );
  fx.cleanup(() => runtime.close());
  return { runtime, events };
}

async function settingsOf(runtime: CoreRuntime): Promise<BenchSettingsView> {
  const result = await runtime.call('getSettings', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as BenchSettingsView;
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the bench name once bound to a hub', () => {
  it('is the hub\'s from the first sync, told to every window, and a different one saved here is refused, changing nothing', async () => {
    const hub = await fx.hub();
    const token = await hub.addBench('bench-7', 'Packing 7');
    const { runtime, events } = await openRuntime();
    expect(await settingsOf(runtime)).toMatchObject({ stationName: 'Typed at the bench', hubWarehouse: null });

    const form: ArgsOf<'saveSettings'> = {
      stationName: 'Typed at the bench',
      hubUrl: hub.url,
      token: { action: 'replace', value: token },
      scanner: { maxInterKeyGapMs: 50, minLength: 4, terminator: 'Either', gsSubstitute: '' },
      labelPrinter: '',
    };
    expect(await runtime.call('saveSettings', form)).toMatchObject({ ok: true });
    // The save's own event, then the hub's naming as sync binds: two settings events, unasked.
    await until(() => events.filter((e) => e.kind === 'settings').length >= 2, 'the settings event of the binding');
    expect(await settingsOf(runtime)).toMatchObject({ stationName: 'Packing 7', hubWarehouse: WAREHOUSE });
    expect(await runtime.call('getBenchInfo', {})).toMatchObject({ ok: true, value: { stationName: 'Packing 7' } });

    // The form still holding the old name (or a new one typed) is refused on the field, in words.
    const refused = await runtime.call('saveSettings', { ...form, token: { action: 'keep' }, labelPrinter: 'Zebra' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', issues: [{ where: 'stationName', message: expect.stringContaining('ask your supervisor to rename it there') }] },
    });
    if (!refused.ok) expect(refused.error.message).toContain(`warehouse ${WAREHOUSE}`);
    expect(await settingsOf(runtime)).toMatchObject({ stationName: 'Packing 7', labelPrinter: '' });

    // With the hub's name, the rest saves as usual.
    expect(await runtime.call('saveSettings', { ...form, stationName: 'Packing 7', token: { action: 'keep' }, labelPrinter: 'Zebra' })).toMatchObject({
      ok: true,
      value: { stationName: 'Packing 7', labelPrinter: 'Zebra', hubWarehouse: WAREHOUSE },
    });
  });
});
