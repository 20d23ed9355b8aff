import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// No COOP/COEP headers: cross-origin isolation would only serve tfjs-backend-wasm's threaded build, which
// cannot start from a minified bundle (see src/worker/backend-init.ts), so the page stays un-isolated.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // The dev server pre-bundles dependencies it finds by scanning the entries. The worker (and the tfjs
  // backends it imports lazily) would otherwise be discovered on the first visit, re-bundled, and the page
  // reloaded after a blank wait: scan it from the start and name what it loads lazily.
  optimizeDeps: {
    entries: ['index.html', 'src/worker/lab.worker.ts'],
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-core/dist/register_all_gradients',
      '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-webgpu',
      'comlink',
      'fflate',
      'papaparse',
      'react',
      'react-dom',
      'react-dom/client',
      'recharts',
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
