// Every generated icon, written under one folder (scripts/make-icons.js picks build/icons/):
//   tray/<state>.png, tray/<state>@2x.png                 16/32 px, Windows
//   tray/<state>Template.png, tray/<state>Template@2x.png 16/32 px, macOS template images
//   tray/linux/<state>.png                                32 px, Linux panels
//   icon.png                                              1024 px, macOS .icns and Windows .ico
//   app/<N>x<N>.png                                       16-512 px, the Linux icon set
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { drawAppIcon, drawTrayIcon, TRAY_STATES } from './draw.js';
import { encodePng } from './png.js';

const LINUX_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512];

/** @param {string} outDir @returns {string[]} the files written, relative to outDir */
export function makeIcons(outDir) {
  /** @type {string[]} */
  const written = [];
  const write = (
    /** @type {string} */ rel,
    /** @type {number} */ size,
    /** @type {Uint8Array} */ rgba,
  ) => {
    const file = path.join(outDir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, encodePng(size, size, rgba));
    written.push(rel);
  };
  for (const state of TRAY_STATES) {
    write(`tray/${state}.png`, 16, drawTrayIcon(state, 16, false));
    write(`tray/${state}@2x.png`, 32, drawTrayIcon(state, 32, false));
    write(`tray/${state}Template.png`, 16, drawTrayIcon(state, 16, true));
    write(`tray/${state}Template@2x.png`, 32, drawTrayIcon(state, 32, true));
    write(`tray/linux/${state}.png`, 32, drawTrayIcon(state, 32, false));
  }
  write('icon.png', 1024, drawAppIcon(1024));
  for (const size of LINUX_ICON_SIZES) write(`app/${size}x${size}.png`, size, drawAppIcon(size));
  return written;
}
