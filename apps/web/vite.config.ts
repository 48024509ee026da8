import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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
  },
});
