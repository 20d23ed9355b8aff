import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// No COOP/COEP headers: cross-origin isolation would only serve tfjs-backend-wasm's threaded build, which
// cannot start from a minified bundle (see src/worker/backend-init.ts), so the page stays un-isolated.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
