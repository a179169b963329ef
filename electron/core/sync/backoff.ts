/**
 * Delay before the next attempt while the hub cannot be reached: exponential from `minMs`, capped at
 * `maxMs`, with jitter (half fixed, half random) so benches that lost the network together do not all
 * come back at the same instant.
 */
export interface BackoffOptions {
  minMs: number;
  maxMs: number;
  random?: () => number;
}

export function backoffDelay(failures: number, options: BackoffOptions): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(options.maxMs, options.minMs * 2 ** exponent);
  const random = options.random ?? Math.random;
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
