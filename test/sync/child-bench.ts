/**
 * A bench process for the "killed mid-sync" test: opens BENCH_FILE, syncs with HUB_URL using
 * HUB_TOKEN (small batches and pages so a sync takes many requests), prints "ready", and runs until
 * killed. Run with: node --import tsx test/sync/child-bench.ts
 */
import { openBenchParts } from '../../electron/core/bench-parts.js';
import { startSync } from '../../electron/core/sync/index.js';

const env = process.env;
const bench = openBenchParts({ file: env.BENCH_FILE!, stationName: 'Child bench' });
startSync(bench, {
  hubUrl: env.HUB_URL!,
  token: env.HUB_TOKEN!,
  pushBatchSize: Number(env.PUSH_BATCH ?? 10),
  pullPageSize: Number(env.PULL_PAGE ?? 10),
  intervalMs: 50,
  minBackoffMs: 20,
  maxBackoffMs: 100,
});
console.log('ready');
setInterval(() => undefined, 60_000);
