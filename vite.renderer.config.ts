import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The popover's renderer: a static bundle loaded from disk by Electron (and from a loopback
// server by the Playwright harness). Relative base so file:// works.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // Inline assets would need data: in the CSP's default-src; keep them as files.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
});
