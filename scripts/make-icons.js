// `npm run build:icons`: draws the tray icons and the app icon into build/icons/ (generated,
// not committed; electron-builder.yml packs build/icons/tray and converts build/icons/icon.png).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeIcons } from './icons/make.js';

const outDir = fileURLToPath(new URL('../build/icons/', import.meta.url));
const files = makeIcons(outDir);
process.stderr.write(
  `make-icons: ${files.length} icons in ${path.relative(process.cwd(), outDir) || '.'}\n`,
);
