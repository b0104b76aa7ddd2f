// Vite configuration for the cybercap web interface.
// The build is served by `cybercap serve` from web/dist (base "/", history
// routing: the server answers index.html for every path outside /api).
// During development `npm run dev` proxies /api to a running server
// (CYBERCAP_API, default http://127.0.0.1:8099).
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2019',
    sourcemap: false,
    reportCompressedSize: false,
    modulePreload: { polyfill: false },
  },
  json: { stringify: true },
  server: {
    proxy: { '/api': process.env.CYBERCAP_API || 'http://127.0.0.1:8099' },
  },
});
