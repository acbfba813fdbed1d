// Where an Electron binary is, or why there is none, found without `require('electron')`: that
// module tries to download the binary when it is missing, which must never happen in a test.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

export type ElectronBinary = { readonly path: string } | { readonly skip: string };

function executableName(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  let binary: string;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    binary = path.join(
      env.ELECTRON_OVERRIDE_DIST_PATH,
      existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : executableName(),
    );
  } else if (existsSync(pathFile)) {
    binary = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  } else {
    return {
      skip:
        'no Electron binary: node_modules/electron/path.txt is missing (the electron package installed ' +
        'without its binary, e.g. ELECTRON_SKIP_BINARY_DOWNLOAD=1 or no network). Run `npx install-electron` ' +
        'where downloads work, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45.',
    };
  }
  if (!existsSync(binary)) return { skip: `no Electron binary at ${binary}` };
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return {
      skip: 'no display for Electron (DISPLAY and WAYLAND_DISPLAY are unset); run under xvfb-run',
    };
  }
  return { path: binary };
}
