/**
 * Vitest globalSetup: one embedded PostgreSQL per Vitest worker for the whole run instead of one per
 * test file. A loopback broker (port 0) hands out fresh databases; test files find it by
 * TEST_POSTGRES_BROKER (hub/testing/postgres.ts) and name their worker (VITEST_POOL_ID). Per worker,
 * not one for all: the hub reads only rows below the cluster's oldest running transaction
 * (hub/pull/watermark.ts), so two files at once on one cluster would hold back each other's pulls.
 * A worker's cluster starts at its first request (a run without hub or sync tests starts none) and
 * all are stopped (their folders removed) when the run ends.
 */
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { EmbeddedCluster } from '../../hub/db/embedded.js';
import { databaseMaker, makeTempDir, startTestCluster, TEST_POSTGRES_BROKER } from '../../hub/testing/postgres.js';

export default async function setup(): Promise<() => Promise<void>> {
  const root = makeTempDir('hub-test-pg-shared-');
  const clusters = new Map<string, Promise<{ cluster: EmbeddedCluster; databases: ReturnType<typeof databaseMaker> }>>();
  const start = (pool: string) => {
    let started = clusters.get(pool);
    if (!started) {
      started = startTestCluster(path.join(root, `cluster-${pool}`), false).then((cluster) => ({ cluster, databases: databaseMaker(cluster, 't') }));
      clusters.set(pool, started);
    }
    return started;
  };

  const server = createServer((request, response) => {
    const reply = (status: number, body: object) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const pool = /^\/database\?pool=(\w{1,16})$/.exec(request.url ?? '')?.[1];
    if (request.method !== 'POST' || !pool) return reply(404, { error: `no ${request.method} ${request.url}` });
    start(pool)
      .then(({ databases }) => databases.create())
      .then((url) => reply(200, { url }))
      .catch((err: unknown) => reply(500, { error: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env[TEST_POSTGRES_BROKER] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return async () => {
    try {
      await new Promise((resolve) => server.close(resolve));
      for (const started of clusters.values()) {
        const { cluster, databases } = await started;
        await databases.close();
        await cluster.stop();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
}
