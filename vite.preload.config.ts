import { defineConfig } from 'vite';

// The popover's preload as one CommonJS file: sandboxed preloads cannot load ES modules and may
// only require 'electron', so everything else it imports (the contract's bridge) is bundled in.
export default defineConfig({
  build: {
    outDir: 'dist/preload',
    emptyOutDir: true,
    target: 'chrome130',
    minify: false,
    sourcemap: false,
    lib: {
      entry: 'electron/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rolldownOptions: {
      external: ['electron'],
    },
  },
});
