import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// `npm run bench`'s browser pages (bench/renderer.bench.ts): HedgeFlow's sparklines, the same
// picture in plain Canvas 2D (the floor) and chart.js's defaults, one page each so their chart.js
// registrations never mix; and the page test/e2e/sparkline-pixels.spec.ts compares pixels on.
export default defineConfig({
  root: 'renderer',
  base: './',
  logLevel: 'warn',
  build: {
    outDir: '../dist/bench-renderer',
    emptyOutDir: true,
    target: 'chrome130',
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        hedgeflow: resolve(import.meta.dirname, 'renderer/bench/hedgeflow.html'),
        defaults: resolve(import.meta.dirname, 'renderer/bench/defaults.html'),
        floor: resolve(import.meta.dirname, 'renderer/bench/floor.html'),
        pixels: resolve(import.meta.dirname, 'renderer/bench/pixels.html'),
      },
    },
  },
});
