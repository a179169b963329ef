/**
 * Vitest globalSetup: one embedded PostgreSQL for the whole run instead of one per test file. A
 * loopback broker (port 0) hands out fresh databases; test files find it by TEST_POSTGRES_BROKER
 * (hub/testing/postgres.ts). The cluster starts at the first request, so a run without hub or sync
 * tests never starts one, and it is stopped (its folder removed) when the run ends.
 */
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { EmbeddedCluster } from '../../hub/db/embedded.js';
import { databaseMaker, makeTempDir, startTestCluster, TEST_POSTGRES_BROKER } from '../../hub/testing/postgres.js';

export default async function setup(): Promise<() => Promise<void>> {
  const root = makeTempDir('hub-test-pg-shared-');
  let started: Promise<{ cluster: EmbeddedCluster; databases: ReturnType<typeof databaseMaker> }> | undefined;
  const start = () =>
    (started ??= startTestCluster(path.join(root, 'cluster'), false).then((cluster) => ({ cluster, databases: databaseMaker(cluster, 't') })));

  const server = createServer((request, response) => {
    const reply = (status: number, body: object) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.method !== 'POST' || request.url !== '/database') return reply(404, { error: `no ${request.method} ${request.url}` });
    start()
      .then(({ databases }) => databases.create())
      .then((url) => reply(200, { url }))
      .catch((err: unknown) => reply(500, { error: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env[TEST_POSTGRES_BROKER] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return async () => {
    await new Promise((resolve) => server.close(resolve));
    if (started) {
      const { cluster, databases } = await started;
      await databases.close();
      await cluster.stop();
    }
    rmSync(root, { recursive: true, force: true });
  };
}
