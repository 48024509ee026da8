import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `strings-nl` for the shared and every feature's i18n/nl.json, null for any other module. */
function stringsChunk(id: string): string | null {
  const lang = /[\\/]i18n[\\/](en|nl|da)\.json$/.exec(id)?.[1];
  return lang ? `strings-${lang}` : null;
}

// The API runs separately during development (npm run dev); everything under /api goes to it,
// so cookies and the CSRF header behave exactly as in production, where one server serves both.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3650', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Each UI language's strings in one file (the shared ones and every feature's, i18n/load.ts): a visit
          // loads its own language only, in one request.
          groups: [{ name: (id) => stringsChunk(id) }],
        },
      },
    },
  },
});
