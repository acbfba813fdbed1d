// The shell's small services that need no Electron: window state, the net.fetch transport, the
// rotating log, launch at login, sleep/wake and reachability, notification options.
import { EventEmitter } from 'node:events';
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../../../core/fakes/memory-storage.js';
import { silentLogger } from '../../../core/log/logger.js';
import { TransportError } from '../../../core/ports/http.js';
import type { NotificationRequest } from '../../../core/ports/notifier.js';
import {
  applyLaunchAtLogin,
  autostartEntry,
  quoteExecArg,
} from '../../../electron/launch-at-login.js';
import { RotatingLogFile } from '../../../electron/log-file.js';
import { createNetTransport, type FetchLike } from '../../../electron/net-transport.js';
import { notificationOptions } from '../../../electron/notification-options.js';
import { watchSystemEvents } from '../../../electron/system-events.js';
import {
  DEFAULT_POPOVER_SIZE,
  WINDOW_STATE_FILE,
  WindowStateStore,
} from '../../../electron/window-state.js';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-shell-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.useRealTimers();
});

describe('the remembered popover size', () => {
  it('starts at the default and comes back after a save', async () => {
    const storage = new MemoryStorage();
    expect(await new WindowStateStore(storage).load()).toEqual(DEFAULT_POPOVER_SIZE);
    await new WindowStateStore(storage).save({ width: 420, height: 600 });
    expect(await new WindowStateStore(storage).load()).toEqual({ width: 420, height: 600 });
  });

  it('keeps sizes within limits and survives a corrupt file', async () => {
    const storage = new MemoryStorage();
    storage.files.set(WINDOW_STATE_FILE, JSON.stringify({ popover: { width: 10, height: 1e9 } }));
    expect(await new WindowStateStore(storage).load()).toEqual({ width: 300, height: 1400 });
    storage.files.set(WINDOW_STATE_FILE, '{not json');
    expect(await new WindowStateStore(storage).load()).toEqual(DEFAULT_POPOVER_SIZE);
  });

  it('does not rewrite the file when the size did not change', async () => {
    const storage = new MemoryStorage();
    const write = vi.spyOn(storage, 'writeAtomic');
    const store = new WindowStateStore(storage);
    await store.save({ width: 400, height: 500 });
    await store.save({ width: 400, height: 500 });
    expect(write).toHaveBeenCalledTimes(1);
  });
});

describe('the net.fetch transport', () => {
  const request = {
    url: 'https://lab.flashalpha.com/v1/account',
    headers: { 'X-Api-Key': 'secret-key-1234' },
    timeoutMs: 1000,
  };

  it('sends a GET with the headers, refusing redirects and cookies', async () => {
    const fetchImpl = vi.fn<FetchLike>(
      async () =>
        new Response('{"ok":true}', { status: 200, headers: { 'X-RateLimit-Limit': '100' } }),
    );
    const response = await createNetTransport(fetchImpl)(request);
    expect(fetchImpl).toHaveBeenCalledWith(
      request.url,
      expect.objectContaining({
        method: 'GET',
        headers: request.headers,
        redirect: 'error',
        credentials: 'omit',
      }),
    );
    expect(response.status).toBe(200);
    expect(response.header('x-ratelimit-limit')).toBe('100');
    expect(await response.text()).toBe('{"ok":true}');
  });

  it('reports a network failure by host and path, never the key', async () => {
    const fetchImpl: FetchLike = async () => {
      throw new Error('net::ERR_NAME_NOT_RESOLVED');
    };
    const error = await createNetTransport(fetchImpl)(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'network' });
    expect((error as Error).message).toBe(
      'could not reach lab.flashalpha.com/v1/account: net::ERR_NAME_NOT_RESOLVED',
    );
    expect((error as Error).message).not.toContain('secret-key');
  });

  it('tells a timeout from a cancellation', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    await expect(createNetTransport(hang)({ ...request, timeoutMs: 10 })).rejects.toMatchObject({
      kind: 'timeout',
    });
    const controller = new AbortController();
    const pending = createNetTransport(hang)({
      ...request,
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('the rotating log file', () => {
  it('rotates past the size limit and keeps only the newest files', () => {
    const dir = tempDir();
    const log = new RotatingLogFile(dir, { maxBytes: 100, keep: 2 });
    for (let i = 0; i < 20; i++) log.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(30)}`);
    expect(readdirSync(dir).sort()).toEqual([
      'hedgeflow.1.log',
      'hedgeflow.2.log',
      'hedgeflow.log',
    ]);
    expect(readFileSync(log.file, 'utf8')).toContain('line 19');
    expect(readFileSync(path.join(dir, 'hedgeflow.1.log'), 'utf8').length).toBeLessThanOrEqual(100);
  });

  it('never writes through a link planted in its place, and keeps logging', () => {
    const outside = path.join(tempDir(), 'victim.txt');
    writeFileSync(outside, 'precious\n');
    const dir = tempDir();
    symlinkSync(outside, path.join(dir, 'hedgeflow.log'));
    const log = new RotatingLogFile(dir);
    log.write('first line');
    log.write('second line');
    expect(readFileSync(outside, 'utf8')).toBe('precious\n');
    expect(lstatSync(log.file).isSymbolicLink()).toBe(false);
    expect(readFileSync(log.file, 'utf8')).toBe('first line\nsecond line\n');
  });

  it('never throws when the folder cannot be written', () => {
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const log = new RotatingLogFile(path.join(file, 'logs')); // a folder inside a file
    expect(() => log.write('x')).not.toThrow();
  });
});

describe('launch at login', () => {
  const base = {
    execPath: '/opt/HedgeFlow/hedgeflow',
    home: '/home/trader',
    logger: silentLogger,
    getLoginItem: () => false,
  };

  it('uses login items on macOS and Windows, only when the system disagrees', async () => {
    const setLoginItem = vi.fn();
    await applyLaunchAtLogin(true, {
      ...base,
      platform: 'darwin',
      isPackaged: true,
      env: {},
      setLoginItem,
    });
    await applyLaunchAtLogin(false, {
      ...base,
      platform: 'win32',
      isPackaged: true,
      env: {},
      setLoginItem,
    });
    expect(setLoginItem.mock.calls).toEqual([[true]]);
  });

  it('never registers an unpackaged run', async () => {
    const setLoginItem = vi.fn();
    await applyLaunchAtLogin(true, {
      ...base,
      platform: 'darwin',
      isPackaged: false,
      env: {},
      setLoginItem,
    });
    expect(setLoginItem).not.toHaveBeenCalled();
  });

  it('writes and removes an XDG autostart entry on Linux, pointing at the AppImage', async () => {
    const config = tempDir();
    const deps = {
      ...base,
      platform: 'linux' as const,
      isPackaged: true,
      env: { XDG_CONFIG_HOME: config, APPIMAGE: '/home/trader/Apps/HedgeFlow 0.1.0.AppImage' },
      setLoginItem: vi.fn(),
    };
    await applyLaunchAtLogin(true, deps);
    const file = path.join(config, 'autostart', 'hedgeflow.desktop');
    expect(readFileSync(file, 'utf8')).toContain(
      'Exec="/home/trader/Apps/HedgeFlow 0.1.0.AppImage"\n',
    );
    await applyLaunchAtLogin(false, deps);
    expect(readdirSync(path.join(config, 'autostart'))).toEqual([]);
  });

  it('quotes Exec arguments per the Desktop Entry Specification', () => {
    expect(quoteExecArg('/opt/HedgeFlow/hedgeflow')).toBe('/opt/HedgeFlow/hedgeflow');
    expect(quoteExecArg('/a b/$x"y')).toBe('"/a b/\\$x\\"y"');
    expect(autostartEntry('/opt/x')).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
  });
});

describe('sleep, wake and reachability', () => {
  it('suspends on sleep, rechecks the network and resumes on wake, polls reachability', () => {
    vi.useFakeTimers();
    const power = new EventEmitter();
    let online = true;
    const calls: string[] = [];
    const stop = watchSystemEvents(
      {
        suspend: () => calls.push('suspend'),
        resume: () => calls.push('resume'),
        setOnline: (value) => calls.push(`online=${value}`),
      },
      { power, isOnline: () => online, pollMs: 1000 },
    );
    power.emit('suspend');
    online = false;
    power.emit('resume');
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual(['online=true', 'suspend', 'online=false', 'resume', 'online=false']);
    stop();
    power.emit('suspend');
    vi.advanceTimersByTime(5000);
    expect(calls).toHaveLength(5);
  });
});

describe('notification options', () => {
  const request: NotificationRequest = {
    id: 'SPY:squeeze:up:1:building',
    symbol: 'SPY',
    title: 'SPY: upside squeeze building',
    body: '5 bars of growing dealer buying',
    sound: false,
    direction: 'up',
  };

  it('is silent exactly when the settings turn the sound off', () => {
    expect(notificationOptions(request, 'darwin', null).silent).toBe(true);
    expect(notificationOptions({ ...request, sound: true }, 'darwin', null).silent).toBe(false);
    expect(notificationOptions({ ...request, sound: true }, 'win32', null).silent).toBe(false);
  });

  it("groups a symbol's alerts on macOS and Windows and gives Linux an icon file", () => {
    expect(notificationOptions(request, 'win32', '/x.png')).toMatchObject({
      id: request.id,
      groupId: 'hedgeflow-SPY',
    });
    expect(notificationOptions(request, 'win32', '/x.png')).not.toHaveProperty('icon');
    expect(notificationOptions(request, 'linux', '/x.png')).toMatchObject({
      icon: '/x.png',
      urgency: 'normal',
    });
  });
});
