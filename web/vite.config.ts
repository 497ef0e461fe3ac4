import { defineConfig } from 'vite';

// The gateway serves dist/index.html at / and dist/assets/* by name (hashed: cached for a year).
export default defineConfig({
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev` against a sandbox on 8080: the API and WebSocket go to it
    proxy: {
      '/v1': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
