import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/**
 * The newsroom app: built from admin/ into dist-admin/ (served by the server at /admin with
 * hashed, immutable assets). `npm run dev:admin` serves it with hot reload and sends /admin/api to
 * a Khabar running on port 3000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist-admin', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No inline script anywhere (CSP script-src 'self'), and no data: URLs for fonts (font-src 'self').
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/admin/api': 'http://localhost:3000' } },
});
