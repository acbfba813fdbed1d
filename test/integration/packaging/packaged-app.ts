// Runs electron-builder's CLI for real (`--dir --linux --x64`, this project's own config,
// package.json and node_modules) against a fake Electron distribution: an `electron` file that is
// only Electron's fuse wire (the sentinel @electron/fuses searches for, then eight fuse bytes), so
// the fuse step runs unmodified too. Shared by the packaging tests (docs/desktop.md).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

/** What `npm run build` produces and the app needs at run time. */
export const BUILT = [
  'dist/electron/main.js',
  'dist/preload/preload.cjs',
  'dist/renderer/index.html',
  'dist/core/app/hedgeflow-app.js',
  'dist/calendar/index.js',
  'dist/sim/engine/simulator.js',
  'build/icons/tray/neutral.png',
];

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** An "Electron" that is only a fuse wire: version 1, eight fuses, Electron's defaults. */
function fakeElectronDist(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\n# a stand-in for the Electron binary\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, 8]),
    Buffer.from('10111000', 'ascii'),
  ]);
  writeFileSync(path.join(dir, 'electron'), wire, { mode: 0o755 });
}

export interface PackagedApp {
  /** release/linux-unpacked */
  readonly unpacked: string;
  /** release/linux-unpacked/resources/app.asar (its natives beside it, in app.asar.unpacked) */
  readonly archive: string;
  /** Seconds electron-builder took. */
  readonly seconds: number;
}

/**
 * Packs the built app into `work`. `extraFiles` are patterns appended to electron-builder.yml's
 * `files` (through a config that extends it), e.g. '!dist/core/app/current-session.js' to leave one out;
 * `config` packs with another config file instead (e.g. the release's smoke build).
 */
export async function packageApp(
  work: string,
  options: { readonly extraFiles?: readonly string[]; readonly config?: string } = {},
): Promise<PackagedApp> {
  const missing = BUILT.filter((f) => !existsSync(path.join(ROOT, f)));
  if (missing.length > 0) {
    throw new Error(`Run \`npm run build\` first (npm test does); missing: ${missing.join(', ')}`);
  }
  const dist = path.join(work, 'electron-dist');
  const out = path.join(work, 'release');
  fakeElectronDist(dist);
  const config: string[] = options.config === undefined ? [] : ['--config', options.config];
  if (options.extraFiles !== undefined) {
    const file = path.join(work, 'electron-builder.json');
    writeFileSync(
      file,
      JSON.stringify({
        extends: path.join(ROOT, 'electron-builder.yml'),
        files: options.extraFiles,
      }),
    );
    config.push('--config', file);
  }
  const started = Date.now();
  await promisify(execFile)(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/electron-builder/cli.js'),
      '--dir',
      '--linux',
      '--x64',
      '--publish',
      'never',
      '--projectDir',
      ROOT,
      ...config,
      `-c.electronDist=${dist}`,
      `-c.directories.output=${out}`,
    ],
    { cwd: ROOT, env: { ...process.env, CI: '' }, timeout: 150_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const unpacked = path.join(out, 'linux-unpacked');
  return {
    unpacked,
    archive: path.join(unpacked, 'resources', 'app.asar'),
    seconds: (Date.now() - started) / 1000,
  };
}
