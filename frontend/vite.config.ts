import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Rust server (`stegvis`) listens on 127.0.0.1:8080 during development.
const backend = process.env.STEGVIS_DEV_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
      '/docs': backend,
    },
  },
  build: {
    // Initial JS budget is 250 kB gzipped; routes are lazy-loaded chunks.
    chunkSizeWarningLimit: 400,
  },
});
