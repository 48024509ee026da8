import fs from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Vite's output: content-hashed files under assets/ (`index-B4SK2WZ-.js`), which never change under one name. */
const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/i;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Customer365</title><p>The web UI is not built. Run <code>npm run build</code> (npm start does this for you).</p>';

/**
 * The built React app (apps/web/dist). Files are looked up on every request rather than listed at start, so
 * a new build is served without a restart (and a build made after the start is found at all). Hashed
 * assets are cached for a year; index.html and everything else are revalidated (no-cache, with ETag), so a
 * browser picks up a new build on its next load. Paths that are not files get index.html, so client-side
 * routes load; API paths and missing assets get the API's 404. Scripts and style sheets go out brotli- or
 * gzip-compressed when the build made those copies (apps/web/vite.config.ts) and the browser accepts them.
 */
export function serveWebApp(app: FastifyInstance, dist: string) {
  const root = path.resolve(dist);
  // preCompressed: the build writes .br and .gz beside each script and style sheet; a browser that accepts one gets it.
  void app.register(fastifyStatic, { root, serve: false, dotfiles: 'ignore', index: false, cacheControl: false, preCompressed: true });
  app.get('/*', { schema: { hide: true }, config: { public: true } }, async (req, reply) => {
    const urlPath = req.url.split('?')[0] ?? '/';
    if (urlPath.startsWith('/api/')) return reply.callNotFound();
    const file = await fileIn(root, urlPath);
    if (file) return sendWithCaching(reply, file, HASHED_ASSET.test(urlPath) ? IMMUTABLE : 'no-cache');
    // A file name that does not exist (an asset of an older build, a typo): 404, not the app's HTML.
    if (/\.[a-z0-9]+$/i.test(urlPath) && !urlPath.endsWith('.html')) return reply.callNotFound();
    if (!(await fileIn(root, '/index.html'))) return reply.type('text/html').header('cache-control', 'no-cache').send(NOT_BUILT);
    return sendWithCaching(reply, 'index.html', 'no-cache');
  });
}

function sendWithCaching(reply: FastifyReply, file: string, cacheControl: string) {
  return reply.header('cache-control', cacheControl).sendFile(file);
}

/** The path relative to `root` of the regular file a URL path names, or null (missing, a directory, a dotfile, outside root). */
async function fileIn(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').some((segment) => segment.startsWith('.'))) return null;
  const full = path.resolve(root, `.${decoded}`);
  if (!full.startsWith(`${root}${path.sep}`)) return null;
  const stat = await fs.stat(full).catch(() => null);
  return stat?.isFile() ? path.relative(root, full).split(path.sep).join('/') : null;
}
