/**
 * Failed-token throttling per remote address: once an address has sent `maxFailures` failed tokens
 * within `windowMs`, its failed tokens are answered 429 with Retry-After for `blockMs` instead of 401.
 *
 * A valid token is still served from a throttled address: benches of one warehouse often share one
 * NAT address, and one misconfigured bench must not lock out its neighbours. Tokens are 256 random
 * bits, so guessing gains nothing; the throttle keeps a flood of bad tokens cheap and visible in the log.
 *
 * Memory is bounded: at most `maxAddresses` addresses are tracked, the oldest forgotten first.
 */

export interface FailedTokenLimits {
  /** Failures within the window that trigger the back-off (default 10). */
  maxFailures?: number;
  /** The counting window (default 60 s). */
  windowMs?: number;
  /** How long failures are answered 429 (default 60 s). */
  blockMs?: number;
  /** Addresses tracked at once (default 10,000). */
  maxAddresses?: number;
  /** Told when an address starts being throttled, with the back-off in seconds (for the log). */
  onThrottle?: (address: string, seconds: number) => void;
  /** For tests of time; default Date.now. */
  now?: () => number;
}

interface Entry {
  windowStart: number;
  failures: number;
  blockedUntil: number;
}

export interface FailedTokenLimiter {
  /** Seconds to wait (Retry-After) if the address is throttled now, else null. */
  retryAfter(address: string): number | null;
  /**
   * Records a failed token from the address: null while it is within its allowance (answer 401), or
   * the seconds to wait once it is throttled (answer 429; such failures are not counted again).
   */
  fail(address: string): number | null;
  /** Addresses tracked now (for tests of the bound). */
  readonly size: number;
}

export function createFailedTokenLimiter(limits: FailedTokenLimits = {}): FailedTokenLimiter {
  const maxFailures = limits.maxFailures ?? 10;
  const windowMs = limits.windowMs ?? 60_000;
  const blockMs = limits.blockMs ?? 60_000;
  const maxAddresses = limits.maxAddresses ?? 10_000;
  const now = limits.now ?? Date.now;
  // Insertion order = age: the first key is the least recently failed address.
  const entries = new Map<string, Entry>();

  /** The address's entry unless its window or its back-off is over (then it starts afresh). */
  function current(address: string, at: number): Entry | undefined {
    const entry = entries.get(address);
    if (!entry) return undefined;
    const over = entry.blockedUntil > 0 ? entry.blockedUntil <= at : at - entry.windowStart >= windowMs;
    if (!over) return entry;
    entries.delete(address);
    return undefined;
  }

  function retryAfter(address: string): number | null {
    const at = now();
    const entry = current(address, at);
    return entry && entry.blockedUntil > at ? Math.max(1, Math.ceil((entry.blockedUntil - at) / 1000)) : null;
  }

  return {
    retryAfter,
    fail(address) {
      const wait = retryAfter(address);
      if (wait !== null) return wait;
      const at = now();
      const entry = current(address, at) ?? { windowStart: at, failures: 0, blockedUntil: 0 };
      entry.failures++;
      if (entry.failures >= maxFailures) {
        entry.blockedUntil = at + blockMs;
        limits.onThrottle?.(address, Math.ceil(blockMs / 1000));
      }
      // Re-insert so the map stays ordered by last failure; forget the oldest past the bound.
      entries.delete(address);
      entries.set(address, entry);
      while (entries.size > maxAddresses) entries.delete(entries.keys().next().value!);
      return null;
    },
    get size() {
      return entries.size;
    },
  };
}
