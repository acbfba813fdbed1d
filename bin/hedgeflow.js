#!/usr/bin/env node
// The package's bin. `npm ci` runs `prepare`, which compiles the TypeScript into dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write(
    'hedgeflow: not built yet; run `npm run build:node` (npm ci does it via prepare)\n',
  );
  process.exit(2);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
