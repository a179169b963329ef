/**
 * A hub serving HTTPS (certificates made here with the openssl CLI) and a real bench syncing with it:
 * with the CA (or the self-signed certificate) given the bench syncs; without it the bench says in
 * words why it will not talk to that hub, and nothing is sent.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHubCa, type SyncEngine } from '../../electron/core/sync/index.js';
import { tlsFromEnv, type HubTls } from '../../hub/http/tls.js';
import { startHub, type Hub } from '../../hub/hub.js';
import { startTestPostgres, type TestPostgres } from '../../hub/testing/postgres.js';
import { startHubProcess } from '../bench/hub-processes.js';
import { openTestBench, tempDir } from '../core/helpers.js';

interface Certificates {
  dir: string;
  /** A CA and a hub certificate it issued for 127.0.0.1 / localhost. */
  caCert: string;
  issued: HubTls;
  /** A self-signed hub certificate for 127.0.0.1 / localhost. */
  selfSigned: HubTls;
  /** Issued by the CA, but for hub.example only. */
  otherName: HubTls;
}

const openssl = (dir: string, ...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

function makeCertificates(): Certificates {
  const dir = tempDir('hub-tls-', 'file');
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  openssl(dir, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=Test warehouse CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout', 'ca.key', '-out', 'ca.crt');
  const issue = (name: string, san: string) => {
    writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
    openssl(dir, 'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.csr`);
    openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2',
      '-extfile', `${name}.ext`, '-out', `${name}.crt`);
    return { cert: read(`${name}.crt`), key: read(`${name}.key`) };
  };
  const issued = issue('hub', 'IP:127.0.0.1,DNS:localhost');
  const otherName = issue('other', 'DNS:hub.example');
  openssl(dir, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', 'self.key', '-out', 'self.crt');
  return { dir, caCert: read('ca.crt'), issued, selfSigned: { cert: read('self.crt'), key: read('self.key') }, otherName };
}

let postgres: TestPostgres;
let certs: Certificates;
beforeAll(async () => {
  certs = makeCertificates();
  postgres = await startTestPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

async function httpsHub(tls: HubTls): Promise<Hub> {
  const hub = await startHub({ databaseUrl: await postgres.createDatabase(), tls, log: () => undefined });
  await hub.admin.addWarehouse('North');
  return hub;
}

/** A bench with one product waiting to be sent, syncing with `hub` (CA as given). */
async function benchOn(hub: Hub, station: string, hubCa: string | undefined) {
  const { token } = await hub.admin.addBench({ warehouse: 'North', station });
  const bench = openTestBench();
  bench.product(`SKU-${station}`, 'none', 3);
  const sync: SyncEngine = bench.startSync({ hubUrl: hub.url, token, hubCa, intervalMs: 3_600_000, minBackoffMs: 60_000, requestTimeoutMs: 5_000, log: () => undefined });
  return { bench, sync };
}

const productsAt = async (hub: Hub) => (await hub.pool.query<{ sku: string }>('SELECT sku FROM products ORDER BY sku')).rows.map((r) => r.sku);

describe('a hub serving HTTPS', () => {
  it('syncs with a bench that trusts its CA, and refuses in words one that does not', async () => {
    const hub = await httpsHub(certs.issued);
    try {
      expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

      const trusting = await benchOn(hub, 'A', certs.caCert);
      const synced = await trusting.sync.syncNow();
      await trusting.sync.stop();
      expect(synced).toMatchObject({ ok: true });
      expect(trusting.bench.ok('getSyncStatus', {})).toMatchObject({ pendingOps: 0, lastSyncAt: expect.any(String) });
      expect(await productsAt(hub)).toEqual(['SKU-A']);

      const unaware = await benchOn(hub, 'B', undefined);
      const refused = await unaware.sync.syncNow();
      const status = unaware.bench.ok('getSyncStatus', {});
      await unaware.sync.stop();
      expect(refused.ok).toBe(false);
      expect(refused.error).toBe(
        `Cannot connect securely to the hub at ${hub.url}: the hub's certificate is not trusted (issued by a CA this bench does not know); give this bench the hub's CA certificate (BENCH_HUB_CA: a PEM file)`,
      );
      expect(status).toMatchObject({ state: 'offline', cause: refused.error });
      expect(status.pendingOps).toBeGreaterThan(0);
      expect(await productsAt(hub)).toEqual(['SKU-A']);

      // Plain http to the https port: not a hub answer, said so.
      const plain = await benchOn({ ...hub, url: hub.url.replace('https:', 'http:') }, 'C', undefined);
      const mismatch = await plain.sync.syncNow();
      await plain.sync.stop();
      expect(mismatch.ok).toBe(false);
      expect(mismatch.error).toMatch(
        /^The hub at http:\/\/127\.0\.0\.1:\d+ is not reachable \(the connection closed without an answer; if the hub serves HTTPS, use an https:\/\/ URL\)$/,
      );
    } finally {
      await hub.stop();
    }
  });

  it('names a self-signed certificate, and syncs once the bench is given that certificate', async () => {
    const hub = await httpsHub(certs.selfSigned);
    try {
      const unaware = await benchOn(hub, 'A', undefined);
      const refused = await unaware.sync.syncNow();
      await unaware.sync.stop();
      expect(refused.error).toContain("the hub's certificate is not trusted (self-signed)");

      // BENCH_HUB_CA names the certificate file, as an operator would set it.
      const hubCa = readHubCa({ BENCH_HUB_CA: join(certs.dir, 'self.crt') });
      const trusting = await benchOn(hub, 'B', hubCa);
      const synced = await trusting.sync.syncNow();
      await trusting.sync.stop();
      expect(synced).toMatchObject({ ok: true });
      expect(await productsAt(hub)).toEqual(['SKU-B']);
    } finally {
      await hub.stop();
    }
  });

  it('names a certificate issued for another host', async () => {
    const hub = await httpsHub(certs.otherName);
    try {
      const bench = await benchOn(hub, 'A', certs.caCert);
      const refused = await bench.sync.syncNow();
      await bench.sync.stop();
      expect(refused.error).toBe(
        `Cannot connect securely to the hub at ${hub.url}: the hub's certificate is for another host name than the one in the hub URL`,
      );
    } finally {
      await hub.stop();
    }
  });
});

describe('npm run hub with HUB_TLS_CERT and HUB_TLS_KEY', () => {
  it('serves HTTPS, and refuses to start with only one of them', async () => {
    const databaseUrl = await postgres.createDatabase();
    const hub = await startHubProcess(databaseUrl, { HUB_TLS_CERT: join(certs.dir, 'hub.crt'), HUB_TLS_KEY: join(certs.dir, 'hub.key') });
    try {
      expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const dispatcher = new Agent({ connect: { ca: certs.caCert } });
      const health = await undiciFetch(`${hub.url}/healthz`, { dispatcher });
      expect(await health.json()).toEqual({ status: 'ok' });
      await dispatcher.close();
    } finally {
      await hub.stop();
    }
    await expect(startHubProcess(databaseUrl, { HUB_TLS_CERT: join(certs.dir, 'hub.crt') })).rejects.toThrow(
      'hub: set both HUB_TLS_CERT and HUB_TLS_KEY (paths to PEM files) to serve HTTPS, or neither for plain HTTP',
    );
  });
});

describe('TLS settings from the environment', () => {
  it('reads HUB_TLS_CERT / HUB_TLS_KEY and BENCH_HUB_CA, refusing half or bad settings with a sentence', () => {
    expect(tlsFromEnv({})).toBeNull();
    const tls = tlsFromEnv({ HUB_TLS_CERT: join(certs.dir, 'hub.crt'), HUB_TLS_KEY: join(certs.dir, 'hub.key') });
    expect(tls).toEqual(certs.issued);
    expect(() => tlsFromEnv({ HUB_TLS_CERT: join(certs.dir, 'hub.crt') })).toThrow(
      'set both HUB_TLS_CERT and HUB_TLS_KEY (paths to PEM files) to serve HTTPS, or neither for plain HTTP',
    );
    expect(() => tlsFromEnv({ HUB_TLS_CERT: join(certs.dir, 'missing.crt'), HUB_TLS_KEY: join(certs.dir, 'hub.key') })).toThrow(
      `HUB_TLS_CERT: cannot read ${join(certs.dir, 'missing.crt')} (ENOENT)`,
    );
    expect(() => tlsFromEnv({ HUB_TLS_CERT: join(certs.dir, 'hub.key'), HUB_TLS_KEY: join(certs.dir, 'hub.key') })).toThrow(
      `HUB_TLS_CERT: ${join(certs.dir, 'hub.key')} is not a PEM file holding a certificate`,
    );
    expect(readHubCa({})).toBeUndefined();
    expect(() => readHubCa({ BENCH_HUB_CA: join(certs.dir, 'hub.ext') })).toThrow(`BENCH_HUB_CA: ${join(certs.dir, 'hub.ext')} is not a PEM certificate file.`);
  });

  it('refuses a key that does not match the certificate before listening', async () => {
    await expect(
      startHub({ databaseUrl: await postgres.createDatabase(), tls: { cert: certs.issued.cert, key: certs.selfSigned.key }, log: () => undefined }),
    ).rejects.toThrow(/^the TLS certificate or key cannot be used: .*key values mismatch/);
  });
});
