/** One benchmark figure, as printed by `npm run bench` and written to bench-results.json. */
export type BenchFigure = {
  name: string;
  value: number;
  unit: string;
  /** The figure must be at most this (null: informational). */
  target: number | null;
  /** value <= target, or null when there is no target. */
  pass: boolean | null;
};

export function figure(name: string, value: number, unit: string, target: number | null = null): BenchFigure {
  const rounded = Math.round(value * 1000) / 1000;
  return { name, value: rounded, unit, target, pass: target === null ? null : rounded <= target };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** What `npm run bench` passes every module. */
export interface BenchOptions {
  /**
   * `--quick`: smaller data and fewer repeats, for development. Targets still apply, but the runner
   * marks every figure "(quick)"; the README's figures come from full runs only.
   */
  quick: boolean;
}

export const FULL_RUN: BenchOptions = { quick: false };

/** 100000 → "100,000", as figure names spell sizes. */
export const count = (n: number): string => n.toLocaleString('en');
