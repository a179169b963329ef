/**
 * Which sync engine (if any) runs for one bench core. The core creates one holder and owns it: the
 * contract's sync calls read it, startSync fills it, stopping empties it. No module-level registry.
 */
import type { SyncEngine } from './engine.js';

export interface SyncHolder {
  readonly engine: SyncEngine | null;
  attach(engine: SyncEngine): void;
  detach(engine: SyncEngine): void;
  /** Set by the settings: a hub URL saved without a usable token (sync off for want of the token), else null. */
  hubWithoutToken: string | null;
  /** Set by the settings: a token is stored but cannot be read (decrypted) here, so it is not used. */
  tokenUnreadable: boolean;
  /**
   * Set by the settings: a hub URL (from a settings file an earlier release saved) that the Settings
   * screen's rule refuses, and why, so sync is off; else null.
   */
  hubUrlRefused: { hubUrl: string; problem: string } | null;
  /** Set by the core service: told whenever the engine committed or its status moved. */
  onChange: (() => void) | null;
}

export function createSyncHolder(): SyncHolder {
  let current: SyncEngine | null = null;
  return {
    get engine() {
      return current;
    },
    attach(engine) {
      if (current && current !== engine && current.running) {
        throw new Error('Sync is already running for this bench; stop it before starting another.');
      }
      current = engine;
    },
    detach(engine) {
      if (current === engine) current = null;
    },
    hubWithoutToken: null,
    tokenUnreadable: false,
    hubUrlRefused: null,
    onChange: null,
  };
}
