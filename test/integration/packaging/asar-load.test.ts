// Beyond listing app.asar (asar-contents.test.ts): the main-process entry and the preload are
// *loaded* from inside the archive. electron-builder packs the built app for real; the archive is
// extracted (its unpacked natives included) and the entry runs in a child Node process under the
// fake `electron` module, with module resolution restricted to the extracted archive: an ESM
// resolve hook and a CommonJS resolver patch refuse anything else but Node's built-ins
// (asar-load/). The preload runs as a sandboxed renderer runs it (sandboxed-preload.ts). Each
// way this can break is shown to fail: a file left out of `files:`, a dev dependency imported
// by shipped code, a native addon missing from app.asar.unpacked.
import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  realpathSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import ts from 'typescript';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBridge } from '../../../core/contract/bridge.js';
import { INVOKE_CHANNELS } from '../../../core/contract/channels.js';
import { PUSH_CHANNEL } from '../../../electron/ipc-channels.js';
import * as fake from '../../unit/electron/fake-electron.js';
import type { Resolution, RestrictionData } from './asar-load/restriction.js';
import type { MainReport } from './asar-load/run-main.js';
import { packageApp, ROOT, type PackagedApp } from './packaged-app.js';
import { runSandboxedPreload } from './sandboxed-preload.js';

const work = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-asar-load-')));
const runner = path.join(work, 'runner');
let packed: PackagedApp;

/** The child's TypeScript (asar-load/ and the fake electron) as ES modules Node 20 can run. */
function compileRunner(): void {
  mkdirSync(runner, { recursive: true });
  writeFileSync(path.join(runner, 'package.json'), '{"type":"module"}');
  const sources = [
    ...['restriction', 'restricted-hooks', 'register', 'run-main'].map((name) =>
      path.join(import.meta.dirname, 'asar-load', `${name}.ts`),
    ),
    path.join(ROOT, 'test/unit/electron/fake-electron.ts'),
  ];
  for (const file of sources) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(path.join(runner, `${path.basename(file, '.ts')}.js`), outputText);
  }
}

interface Extracted {
  /** The extracted app.asar (with app.asar.unpacked's files in place). */
  readonly root: string;
  readonly unpacked: readonly string[];
}

function extract(app: PackagedApp, dest: string): Extracted {
  const root = path.join(dest, 'app');
  asar.extractAll(app.archive, root);
  const unpacked = asar
    .listPackage(app.archive, { isPack: false })
    .map((f) => f.split(path.sep).join('/').replace(/^\//, ''))
    .filter((f) => {
      const stat = asar.statFile(app.archive, f) as { unpacked?: boolean };
      return stat.unpacked === true && !('files' in stat);
    });
  return { root: realpathSync(root), unpacked };
}

/** A copy of an extraction to break on purpose. */
function copyOf(source: Extracted, name: string): Extracted {
  const dest = path.join(work, name);
  cpSync(path.dirname(source.root), dest, { recursive: true });
  return { root: realpathSync(path.join(dest, 'app')), unpacked: source.unpacked };
}

interface Loaded {
  readonly report: MainReport;
  readonly resolutions: readonly Resolution[];
  readonly stderr: string;
}

/** Runs dist/electron/main.js from the extraction in a child Node with resolution restricted. */
async function loadMain(app: Extracted, extraEnv: NodeJS.ProcessEnv = {}): Promise<Loaded> {
  const dir = path.dirname(app.root);
  const reportFile = path.join(dir, 'resolutions.ndjson');
  writeFileSync(reportFile, '');
  const userData = path.join(dir, 'userData');
  mkdirSync(userData, { recursive: true });
  const fakeElectron = path.join(runner, 'fake-electron.js');
  const runMain = path.join(runner, 'run-main.js');
  const data: RestrictionData = {
    root: app.root,
    allowed: [runMain, fakeElectron],
    electronUrl: pathToFileURL(fakeElectron).href,
    unpacked: app.unpacked,
    reportFile,
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    HEDGEFLOW_ASAR_RESTRICTION: JSON.stringify(data),
  };
  // Never the developer's own keychain: on Linux, a bus with no Secret Service unless the test
  // runs inside the private one (scripts/with-secret-service.sh). The binding still loads.
  if (process.platform === 'linux' && env.HEDGEFLOW_SECRET_SERVICE !== '1') {
    env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${path.join(dir, 'no-bus')}`;
  }
  const child = spawn(
    process.execPath,
    [
      '--import',
      pathToFileURL(path.join(runner, 'register.js')).href,
      runMain,
      fakeElectron,
      path.join(app.root, 'dist/electron/main.js'),
      userData,
    ],
    { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await new Promise<void>((resolve) => child.on('close', () => resolve()));
  clearTimeout(timer);
  const last = stdout.trim().split('\n').at(-1) ?? '';
  let report: MainReport;
  try {
    report = JSON.parse(last) as MainReport;
  } catch {
    report = { started: false, error: `no report; stderr:\n${stderr}` };
  }
  const resolutions = readFileSync(reportFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Resolution);
  return { report, resolutions, stderr };
}

/**
 * Lookups that fail by design: napi-rs's loader first tries a binary beside its index.js (a
 * local build), then the platform package (node_modules/@napi-rs/keyring/index.js).
 */
function expectedProbe(r: Resolution): boolean {
  return (
    r.kind === 'missing' &&
    r.parent === 'node_modules/@napi-rs/keyring/index.js' &&
    /^\.\/keyring\.[\w-]+\.node$/.test(r.specifier)
  );
}

const problems = (loaded: Loaded) =>
  loaded.resolutions
    .filter((r) => r.kind !== 'loaded' && !expectedProbe(r))
    .map((r) => r.message ?? r.specifier);

let good: Extracted;
let goodLoad: Loaded;

beforeAll(async () => {
  compileRunner();
  packed = await packageApp(path.join(work, 'packed'));
  good = extract(packed, path.join(work, 'good'));
  goodLoad = await loadMain(good);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the main process, loaded from inside app.asar', () => {
  it('starts as an installed app: tray, every IPC channel, demo data', () => {
    expect(goodLoad.report.error).toBeUndefined();
    expect(goodLoad.report).toMatchObject({ started: true, source: 'demo' });
    expect(goodLoad.report.channels).toEqual([...INVOKE_CHANNELS].sort());
    expect(goodLoad.report.trayTooltip).toMatch(/^HedgeFlow: Demo data/);
    expect(goodLoad.stderr).toMatch(/HedgeFlow started/);
  });

  it('finds its page, preload and tray icons inside the archive', () => {
    const { page, preload, trayIcon } = goodLoad.report;
    expect(page).toMatchObject({ status: 200, html: true });
    expect(page!.csp).toMatch(/default-src 'none'/);
    for (const file of [preload!, trayIcon!]) {
      expect(file.exists, file.path).toBe(true);
      expect(realpathSync(file.path).startsWith(good.root + path.sep), file.path).toBe(true);
    }
  });

  it('loads every module from the archive: nothing refused, nothing missing', () => {
    expect(problems(goodLoad)).toEqual([]);
    const files = goodLoad.resolutions.map((r) => r.file ?? '');
    // Files of the app, its production packages (ESM and CommonJS) and the keychain's binary.
    expect(files).toContain('dist/electron/main.js');
    expect(files).toContain('dist/core/update/update-checker.js');
    expect(files.some((f) => f.startsWith('node_modules/zod/'))).toBe(true);
    expect(files.some((f) => f.startsWith('node_modules/semver/'))).toBe(true);
    const native = files.filter((f) => f.endsWith('.node'));
    expect(native).toHaveLength(1);
    expect(good.unpacked).toContain(native[0]);
    // Nothing came from outside but the test's own runner and fake electron.
    expect(files.filter((f) => path.isAbsolute(f) && !f.startsWith(runner + path.sep))).toEqual([]);
  });
});

describe('fails when the archive is incomplete', () => {
  it('a file left out of `files:` stops the start, naming the file', async () => {
    const omitted = await packageApp(path.join(work, 'omit-packed'), {
      extraFiles: ['!dist/core/app/current-session.js'],
    });
    expect(asar.listPackage(omitted.archive, { isPack: false }).join('\n')).not.toMatch(
      /dist[/\\]core[/\\]app[/\\]current-session\.js/,
    );
    const loaded = await loadMain(extract(omitted, path.join(work, 'omit')));
    expect(loaded.report.started).toBe(false);
    expect(loaded.report.error).toMatch(/dist[/\\]core[/\\]app[/\\]current-session\.js/);
    expect(loaded.resolutions).toContainEqual(
      expect.objectContaining({
        kind: 'missing',
        specifier: './current-session.js',
        parent: 'dist/core/app/hedgeflow-app.js',
      }),
    );
  }, 240_000);

  it('shipped code that imports a dev dependency is refused, even where Node would find it', async () => {
    const broken = copyOf(good, 'dev-dependency');
    // Beside the archive, where Node's own lookup would reach it: a devDependency's package.
    const pkg = path.join(path.dirname(broken.root), 'node_modules', 'chart.js');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      path.join(pkg, 'package.json'),
      '{"name":"chart.js","type":"module","exports":"./index.js"}',
    );
    writeFileSync(path.join(pkg, 'index.js'), 'export const Chart = 1;\n');
    const main = path.join(broken.root, 'dist/electron/main.js');
    writeFileSync(main, `import 'chart.js';\n${readFileSync(main, 'utf8')}`);

    const loaded = await loadMain(broken);
    expect(loaded.report.started).toBe(false);
    expect(loaded.report.error).toMatch(/refused 'chart\.js'.*outside app\.asar/);
    expect(problems(loaded)).toEqual([
      expect.stringMatching(/refused 'chart\.js' imported by dist\/electron\/main\.js/),
    ]);
  }, 60_000);

  it('a native addon missing from app.asar.unpacked is caught, though the app carries on', async () => {
    const broken = copyOf(good, 'no-native');
    const native = good.unpacked.find((f) => f.endsWith('.node'))!;
    rmSync(path.join(broken.root, native));
    const loaded = await loadMain(broken);
    // The keychain loads lazily and its failure only means "keychain unavailable"...
    expect(loaded.report).toMatchObject({ started: true, keychain: { available: false } });
    // ...which the restricted loader does not let pass unnoticed.
    expect(problems(loaded).join('\n')).toMatch(/keyring/);
  }, 60_000);
});

describe('the preload, from inside app.asar, as a sandboxed renderer runs it', () => {
  const source = () => asar.extractFile(packed.archive, 'dist/preload/preload.cjs').toString();
  beforeEach(() => fake.resetFakes());

  it('requires only electron, and only its renderer modules', () => {
    const run = runSandboxedPreload(source(), 'preload.cjs', {
      contextBridge: fake.contextBridge,
      ipcRenderer: fake.ipcRenderer,
    });
    expect(run.required).toEqual(['electron']);
  });

  it('exposes exactly the bridge verbs, which reach main over IPC and receive its pushes', async () => {
    runSandboxedPreload(source(), 'preload.cjs', {
      contextBridge: fake.contextBridge,
      ipcRenderer: fake.ipcRenderer,
    });
    const api = fake.contextBridge.exposed.get('hedgeflow') as ReturnType<typeof createBridge>;
    const verbs = Object.keys(
      createBridge({ invoke: async () => null, subscribe: () => () => undefined }),
    );
    expect(Object.keys(api).sort()).toEqual(verbs.sort());
    await api.getUpdate();
    expect(fake.ipcRenderer.invoked.at(-1)).toMatchObject({ channel: 'update:get' });
    const got: unknown[] = [];
    api.on('update', (status) => got.push(status));
    fake.ipcRenderer.emit(PUSH_CHANNEL, {}, 'update', { available: null });
    expect(got).toEqual([{ available: null }]);
  });

  it('is a real restriction: Node modules, main-process APIs and ES modules all fail there', () => {
    const electron = { contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer };
    expect(() => runSandboxedPreload("require('node:fs')", 'x.cjs', electron)).toThrow(
      /Cannot find module 'node:fs'/,
    );
    expect(() => runSandboxedPreload("require('electron').app.quit()", 'x.cjs', electron)).toThrow(
      /electron\.app is not available/,
    );
    expect(() =>
      runSandboxedPreload("import { ipcRenderer } from 'electron';", 'x.cjs', electron),
    ).toThrow(SyntaxError);
    expect(() => runSandboxedPreload('process.binding("fs")', 'x.cjs', electron)).toThrow();
  });
});

describe("the release workflow's smoke build (electron-builder.smoke.yml)", () => {
  it('is the same app plus the test hooks, which only it turns on, and only when asked', async () => {
    const smoke = await packageApp(path.join(work, 'smoke-packed'), {
      config: path.join(ROOT, 'electron-builder.smoke.yml'),
    });
    const names = (archive: string) =>
      asar.listPackage(archive, { isPack: false }).map((f) => f.split(path.sep).join('/'));
    const shipped = names(packed.archive);
    const extra = names(smoke.archive).filter((f) => !shipped.includes(f));
    expect(
      extra.filter((f) => !/^\/dist\/(electron\/e2e-hooks\.js|core\/fakes(\/|$))/.test(f)),
    ).toEqual([]);
    expect(extra).toContain('/dist/electron/e2e-hooks.js');
    const wire = await getCurrentFuseWire(path.join(smoke.unpacked, 'hedgeflow'));
    expect(String.fromCharCode(wire[FuseV1Options.EnableNodeCliInspectArguments]!)).toBe('1');
    expect(String.fromCharCode(wire[FuseV1Options.RunAsNode]!)).toBe('0');
    expect(String.fromCharCode(wire[FuseV1Options.OnlyLoadAppFromAsar]!)).toBe('1');

    const e2e = { HEDGEFLOW_E2E: '1' };
    const smokeLoad = await loadMain(extract(smoke, path.join(work, 'smoke')), e2e);
    expect(smokeLoad.report).toMatchObject({ started: true, hooks: true });
    expect(problems(smokeLoad)).toEqual([]);
    // The installers' build, asked the same: no hooks (their module is not in it).
    const shippedLoad = await loadMain(copyOf(good, 'shipped-e2e'), e2e);
    expect(shippedLoad.report).toMatchObject({ started: true, hooks: false });
    expect(goodLoad.report.hooks).toBe(false);
  }, 240_000);
});
