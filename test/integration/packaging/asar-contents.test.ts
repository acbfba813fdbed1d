// What an installer would ship: electron-builder runs for real (`--dir --linux --x64`, the
// project's own electron-builder.yml, package.json and node_modules) against a fake Electron
// distribution, then app.asar is read back. The fake `electron` executable carries a real fuse
// wire (the sentinel @electron/fuses searches for), so the fuse step runs unmodified too.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, packageApp, ROOT as root } from './packaged-app.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-packaging-'));
let unpacked = '';
let archive = '';

/** A fuse's state byte: '0' off, '1' on (@electron/fuses does not export its FuseState). */
const OFF = '0'.charCodeAt(0);
const ON = '1'.charCodeAt(0);

/** The production dependency closure, read from node_modules the way Node resolves it. */
function productionPackages(): Set<string> {
  const found = new Set<string>();
  const visit = (name: string, optional: boolean): void => {
    if (found.has(name)) return;
    const manifest = path.join(root, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) {
      if (optional) return; // another platform's binary
      throw new Error(`production dependency ${name} is not installed`);
    }
    found.add(name);
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, true);
  };
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const dep of Object.keys(pkg.dependencies)) visit(dep, false);
  return found;
}

let files: string[] = [];
let seconds = 0;

beforeAll(async () => {
  const packed = await packageApp(work);
  ({ unpacked, archive, seconds } = packed);
  files = asar
    .listPackage(archive, { isPack: false })
    .map((f) => f.split(path.sep).join('/').replace(/^\//, ''));
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const inArchive = (prefix: string) =>
  files.filter((f) => f === prefix || f.startsWith(`${prefix}/`));

describe('app.asar', () => {
  it('is built in well under the time budget', () => {
    expect(seconds).toBeLessThan(90);
  });

  it('holds the built app: main, preload, renderer, core, calendar, simulator engine, tray icons', () => {
    for (const file of BUILT) expect(files, file).toContain(file);
    expect(inArchive('dist/renderer/assets').some((f) => f.endsWith('.js'))).toBe(true);
  });

  it('holds nothing else from the project: no sources, tests, maps, tooling or test hooks', () => {
    const tops = new Set(files.map((f) => f.split('/')[0]));
    expect([...tops].sort()).toEqual(['build', 'dist', 'node_modules', 'package.json']);
    expect(
      new Set(
        inArchive('dist')
          .map((f) => f.split('/')[1])
          .filter(Boolean),
      ),
    ).toEqual(new Set(['electron', 'preload', 'renderer', 'core', 'calendar', 'sim']));
    const own = files.filter((f) => !f.startsWith('node_modules/'));
    expect(own.filter((f) => /\.(ts|tsx|svelte|map)$/.test(f))).toEqual([]);
    expect(own.filter((f) => /(^|\/)tests?(\/|$)|\.(test|spec)\.js$/.test(f))).toEqual([]);
    expect(inArchive('dist/cli')).toEqual([]);
    expect(inArchive('dist/sim/server')).toEqual([]);
    expect(inArchive('dist/core/fakes')).toEqual([]);
    expect(files).not.toContain('dist/electron/e2e-hooks.js');
    expect(
      inArchive('build').every(
        (f) => f.startsWith('build/icons/tray') || f === 'build/icons' || f === 'build',
      ),
    ).toBe(true);
  });

  it('ships exactly the production dependencies, no devDependencies', () => {
    const packaged = new Set(
      inArchive('node_modules')
        .map((f) => f.split('/'))
        .filter((parts) => parts.length >= 3 && parts.at(-1) === 'package.json')
        .map((parts) => (parts[1]!.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]!))
        .filter((name) => !name.endsWith('package.json')),
    );
    const expected = productionPackages();
    expect([...packaged].sort()).toEqual([...expected].sort());
    expect(packaged).toContain('@napi-rs/keyring');
    expect(packaged).toContain('zod');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    for (const dev of Object.keys(pkg.devDependencies)) expect(packaged, dev).not.toContain(dev);
  });

  it("unpacks the keychain's native binary next to the archive", () => {
    const binary = inArchive('node_modules/@napi-rs').find((f) => f.endsWith('.node'));
    // The binary npm installed for this machine (linux-x64-gnu here; darwin-* or win32-* on the
    // CI's other runners): electron-builder packs node_modules as installed.
    expect(binary).toMatch(
      new RegExp(
        `^node_modules/@napi-rs/keyring-${process.platform}-${process.arch}(-[a-z]+)?/keyring\\.${process.platform}-${process.arch}(-[a-z]+)?\\.node$`,
      ),
    );
    expect(asar.statFile(archive, binary!)).toMatchObject({ unpacked: true });
    expect(existsSync(path.join(`${archive}.unpacked`, binary!))).toBe(true);
  });

  it('is self-contained: every import of the shipped code resolves inside the archive', () => {
    const deps = new Set(
      Object.keys(
        (
          JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
            dependencies: Record<string, string>;
          }
        ).dependencies,
      ),
    );
    const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
    const problems: string[] = [];
    for (const file of files.filter((f) =>
      /^dist\/(electron|preload|core|sim)\/.*\.c?js$/.test(f),
    )) {
      const source = asar.extractFile(archive, file).toString('utf8');
      for (const [, spec] of source.matchAll(specifier)) {
        if (spec!.startsWith('.')) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec!));
          if (!files.includes(target)) problems.push(`${file} -> ${spec}`);
        } else if (!spec!.startsWith('node:') && spec !== 'electron') {
          const name = spec!.startsWith('@')
            ? spec!.split('/').slice(0, 2).join('/')
            : spec!.split('/')[0]!;
          if (!deps.has(name) && !builtinModules.includes(name))
            problems.push(`${file} -> ${spec}`);
        }
      }
    }
    // The only unresolved import allowed: the test hooks' own module, loaded in unpackaged runs.
    expect(problems.filter((p) => !p.endsWith('./e2e-hooks.js'))).toEqual([]);
  });

  it('ships a preload a sandboxed renderer can run: one CommonJS file requiring only electron', () => {
    expect(inArchive('dist/preload')).toEqual(['dist/preload', 'dist/preload/preload.cjs']);
    const source = asar.extractFile(archive, 'dist/preload/preload.cjs').toString('utf8');
    const required = [...source.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
      ([, spec]) => spec,
    );
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(source).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
  });

  it("serves a page whose CSP meta tag matches the protocol's CSP header", async () => {
    const { CONTENT_SECURITY_POLICY } = await import('../../../electron/security-policy.js');
    const html = asar.extractFile(archive, 'dist/renderer/index.html').toString('utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    // No inline script: every script is a file of our own origin.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('starts the compiled main process', () => {
    const manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as {
      main: string;
      type: string;
    };
    expect(manifest).toMatchObject({ main: 'dist/electron/main.js', type: 'module' });
  });
});

describe('the Electron fuses', () => {
  it('are flipped as electron-builder.yml says', async () => {
    const wire = await getCurrentFuseWire(path.join(unpacked, 'hedgeflow'));
    const state = (fuse: FuseV1Options) => wire[fuse];
    expect(state(FuseV1Options.RunAsNode)).toBe(OFF);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(OFF);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(OFF);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(ON);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(ON);
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(ON);
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(OFF);
  });
});
