import { defineConfig } from 'vite';

// The e2e harness's stand-in for the preload: the contract's bridge factory as one IIFE that
// Playwright injects with addInitScript.
export default defineConfig({
  build: {
    outDir: 'dist/test-harness',
    emptyOutDir: true,
    target: 'chrome130',
    minify: false,
    lib: {
      entry: 'test/e2e/harness/bridge-entry.ts',
      formats: ['iife'],
      name: 'hedgeflowHarnessBridge',
      fileName: () => 'bridge.js',
    },
  },
});
