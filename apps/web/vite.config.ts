import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** `strings-nl` for the shared and every feature's i18n/nl.json, null for any other module. */
function stringsChunk(id: string): string | null {
  const lang = /[\\/]i18n[\\/](en|nl|da)\.json$/.exec(id)?.[1];
  return lang ? `strings-${lang}` : null;
}

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside each script and style sheet of the build, which the server
 * sends to browsers that accept them (@fastify/static's preCompressed): a first visit then downloads about a
 * quarter of the bytes, at no cost per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'customer365:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => /\.(js|css|json|svg)$/.test(name));
      // In parallel on libuv's threads: brotli's best quality is slow, but only here, once per build.
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(outDir, name);
          const content = await fs.promises.readFile(file);
          if (content.length < 1024) return;
          const br = await brotli(content, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length },
          });
          await fs.promises.writeFile(`${file}.br`, br);
          await fs.promises.writeFile(`${file}.gz`, await gzip(content, { level: 9 }));
        }),
      );
    },
  };
}

/** The pages whose data public/session.js starts at once (its `PAGES`, `chunk`): their code is preloaded too. */
const EARLY_PAGES = ['RevenuePage'];

/**
 * Names the files public/session.js may fetch ahead, in a `<meta name="c365:chunks">` before it: each UI language's
 * strings and the pages of EARLY_PAGES. The app asks for them only once its own code has run; session.js preloads
 * the visit's language and page while that code downloads (src/README.md, "The first visit").
 */
function chunkNames(): Plugin {
  return {
    name: 'customer365:chunk-names',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const files: Record<string, string> = {};
        for (const chunk of Object.values(ctx.bundle ?? {}))
          if (chunk.type === 'chunk' && (/^strings-(en|nl|da)$/.test(chunk.name) || EARLY_PAGES.includes(chunk.name)))
            files[chunk.name] = `/${chunk.fileName}`;
        const content = JSON.stringify(files).replaceAll('"', '&quot;');
        return html.replace(
          '<script src="/session.js">',
          `<meta name="c365:chunks" content="${content}" />\n    <script src="/session.js">`,
        );
      },
    },
  };
}

// The API runs separately during development (npm run dev); everything under /api goes to it,
// so cookies and the CSRF header behave exactly as in production, where one server serves both.
export default defineConfig({
  plugins: [react(), precompress(), chunkNames()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3650', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Each UI language's strings in one file (the shared ones and every feature's, i18n/load.ts): a visit
          // loads its own language only, in one request.
          groups: [
            { name: (id) => stringsChunk(id), priority: 40 },
            // Left alone, the bundler cuts the app into ~200 files of a few hundred bytes (modules shared by the
            // start and a lazy page become chunks of their own, rolldown#10731), and a browser asks for them six at
            // a time: a first visit spent most of its time in that queue, its data requests waiting behind them. So
            // the libraries are one file (charts included: the home page and most landing pages draw one, and a
            // separate file would be asked for only after the page's own code) and the app's shared code another;
            // each page stays a file of its own.
            { name: 'vendor', test: /node_modules[\\/]/, priority: 20 },
            {
              name: 'app',
              test: /[\\/]src[\\/](app|lib|components|i18n)[\\/]|[\\/]src[\\/]features[\\/][^\\/]+[\\/][a-zA-Z]+\.ts$/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
