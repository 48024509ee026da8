import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config/config.ts';
import { createFixedClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { createSmtpMailer } from '../mail/outbox.ts';

/** The built web UI, served from a directory a test rebuilds while the server runs. */
let database: Database;
let dist: string;
let app: Awaited<ReturnType<typeof buildApp>>['app'];
const mailer = createSmtpMailer(undefined);

beforeAll(async () => {
  database = await createTestDatabase();
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-web-'));
  const config = loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_DIST: dist });
  const built = await buildApp({
    config,
    database,
    clock: createFixedClock('2026-11-21T09:00:00Z'),
    logger: pino({ level: 'silent' }),
    mailer,
  });
  app = built.app;
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  mailer.close();
  await database?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

/** What `vite build` does: empty the directory, then write index.html and hashed assets. */
function build(hash: string, extra: Record<string, string | Buffer> = {}) {
  fs.rmSync(dist, { recursive: true, force: true });
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  const files: Record<string, string | Buffer> = {
    'index.html': `<!doctype html><script type="module" src="/assets/index-${hash}.js"></script><title>build ${hash}</title>`,
    [`assets/index-${hash}.js`]: `console.log("build ${hash}")`,
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    ...extra,
  };
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dist, name), content);
}

const get = (url: string, method: 'GET' | 'HEAD' = 'GET') => app.inject({ method, url });

describe('the web UI', () => {
  it('is served from a build made after the start, and a rebuild is served without a restart', async () => {
    // Started before any build: a page saying so, not a 404.
    const before = await get('/');
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('not built');

    build('AAAAaaaa');
    const index = await get('/');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body).toContain('build AAAAaaaa');
    const asset = await get('/assets/index-AAAAaaaa.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);

    build('BBBBbbbb');
    const rebuilt = await get('/');
    expect(rebuilt.body).toContain('build BBBBbbbb');
    const fresh = await get('/assets/index-BBBBbbbb.js');
    expect(fresh.statusCode).toBe(200);
    expect(fresh.body).toBe('console.log("build BBBBbbbb")');
    expect(fresh.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // The old build's asset is gone: a 404 (JSON, like the API's), not index.html.
    const old = await get('/assets/index-AAAAaaaa.js');
    expect(old.statusCode).toBe(404);
    expect(old.headers['content-type']).toMatch(/json/);
  });

  it('answers client-side routes with index.html (no-cache), unhashed files with revalidation, and API paths with the API 404', async () => {
    build('CCCCcccc', { 'robots.txt': 'User-agent: *' });
    for (const url of ['/accounts', '/accounts/0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b?tab=contacts', '/admin/jobs/']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('build CCCCcccc');
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    const head = await get('/accounts', 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    const favicon = await get('/favicon.svg');
    expect(favicon.statusCode).toBe(200);
    expect(favicon.headers['cache-control']).toBe('no-cache');
    expect(favicon.headers.etag).toBeTruthy();
    expect((await get('/robots.txt')).body).toBe('User-agent: *');
    const api = await get('/api/v1/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await get('/assets/missing-DDDDdddd.js')).statusCode).toBe(404);
  });

  it('sends the precompressed copy a browser accepts, and the plain file to one that accepts none', async () => {
    const script = `console.log("${'compressed '.repeat(200)}")`;
    build('FFFFffff', {
      'assets/index-FFFFffff.js': script,
      'assets/index-FFFFffff.js.br': zlib.brotliCompressSync(script),
      'assets/index-FFFFffff.js.gz': zlib.gzipSync(script),
    });
    const asset = (acceptEncoding?: string) =>
      app.inject({ method: 'GET', url: '/assets/index-FFFFffff.js', headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

    const br = await asset('gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await asset('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await asset();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);

    // No compressed copy (index.html, small files): the file as it is, whatever the browser accepts.
    const index = await app.inject({ method: 'GET', url: '/revenue', headers: { 'accept-encoding': 'br, gzip' } });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-encoding']).toBeUndefined();
    expect(index.body).toContain('build FFFFffff');
  });

  it('serves nothing outside the build directory, and no dotfiles', async () => {
    build('EEEEeeee', { '.env': 'SECRET=1' });
    fs.writeFileSync(path.join(path.dirname(dist), 'c365-outside.txt'), 'the contents of a file outside');
    try {
      for (const url of [
        '/.env',
        '/%2e%2e/c365-outside.txt',
        '/..%2fc365-outside.txt',
        '/assets/..%2f..%2fc365-outside.txt',
        '/%00',
        '/%E0%A4%A',
      ]) {
        const res = await get(url);
        expect(res.body, url).not.toContain('SECRET');
        expect(res.body, url).not.toContain('the contents of a file outside');
        expect(res.statusCode, url).toBeLessThan(500);
      }
      expect((await get('/.env')).statusCode).toBe(404);
    } finally {
      fs.rmSync(path.join(path.dirname(dist), 'c365-outside.txt'), { force: true });
    }
  });
});
