import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fsStorage } from '../../../../core/adapters/fs-storage.js';
import { MAX_SYMBOLS, defaultSettings } from '../../../../core/contract/settings.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { HedgeFlowApp } from '../../../../core/app/hedgeflow-app.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../../core/fakes/memory-secret-store.js';
import { silentLogger } from '../../../../core/log/logger.js';
import type { FileStorage } from '../../../../core/ports/storage.js';
import { SETTINGS_FILE, SettingsStore } from '../../../../core/settings/settings-store.js';

const NOW = Date.parse('2026-06-05T14:00:00.123Z');

describe('SettingsStore', () => {
  it('starts from defaults without a file and writes nothing', async () => {
    const storage = new MemoryStorage();
    const store = new SettingsStore(storage);
    expect(await store.load(NOW)).toBeNull();
    expect(store.current).toEqual(defaultSettings());
    expect(storage.files.size).toBe(0);
  });

  it('reads a valid file, filling absent sections with defaults and dropping unknown keys', async () => {
    const storage = new MemoryStorage();
    storage.files.set(
      SETTINGS_FILE,
      JSON.stringify({ symbols: ['IWM'], barSize: '5m', someday: 1 }),
    );
    const store = new SettingsStore(storage);
    expect(await store.load(NOW)).toBeNull();
    expect(store.current.symbols).toEqual(['IWM']);
    expect(store.current.barSize).toBe('5m');
    expect(store.current.historyDays).toBe(30);
    expect('someday' in store.current).toBe(false);
  });

  it.each([
    ['not JSON', '{"symbols": [', 'not valid JSON'],
    ['a wrong type', JSON.stringify({ barSize: '2m' }), 'barSize'],
    ['a bad symbol', JSON.stringify({ symbols: ['SPY', '$$$'] }), 'symbols.1'],
  ])('keeps a file with %s aside, restores defaults and says so', async (_name, text, problem) => {
    const storage = new MemoryStorage();
    storage.files.set(SETTINGS_FILE, text);
    const store = new SettingsStore(storage);
    const notice = await store.load(NOW);
    const aside = 'settings.corrupt-2026-06-05T14-00-00-123Z.json';
    expect(notice).toContain(problem);
    expect(notice).toContain(aside);
    expect(storage.files.get(aside)).toBe(text);
    expect(JSON.parse(storage.files.get(SETTINGS_FILE)!)).toEqual(defaultSettings());
    expect(store.current).toEqual(defaultSettings());
  });

  it('trims, upper-cases and validates symbols, with a maximum count and no duplicates', async () => {
    const store = new SettingsStore(new MemoryStorage());
    await store.load(NOW);
    const ok = await store.update({ symbols: [' spy', 'qqq ', 'brk.b'] });
    expect(ok).toEqual({
      ok: true,
      value: expect.objectContaining({ symbols: ['SPY', 'QQQ', 'BRK.B'] }),
    });
    const dup = await store.update({ symbols: ['SPY', ' spy'] });
    expect(dup).toEqual({ ok: false, error: expect.stringContaining('only once') });
    const many = await store.update({
      symbols: Array.from({ length: MAX_SYMBOLS + 1 }, (_, i) => `S${i}`),
    });
    expect(many).toEqual({ ok: false, error: expect.stringContaining(`At most ${MAX_SYMBOLS}`) });
    const bad = await store.update({ symbols: ['1SPY'] });
    expect(bad.ok).toBe(false);
    const none = await store.update({ symbols: [] });
    expect(none.ok).toBe(false);
    expect(store.current.symbols).toEqual(['SPY', 'QQQ', 'BRK.B']);
  });

  it('normalises symbols read from a hand-edited file, and sets aside one with too many', async () => {
    const storage = new MemoryStorage();
    storage.files.set(SETTINGS_FILE, JSON.stringify({ symbols: [' spy ', 'Qqq'] }));
    const store = new SettingsStore(storage);
    expect(await store.load(NOW)).toBeNull();
    expect(store.current.symbols).toEqual(['SPY', 'QQQ']);
    const tooMany = JSON.stringify({
      symbols: Array.from({ length: MAX_SYMBOLS + 1 }, (_, i) => `S${i}`),
    });
    storage.files.set(SETTINGS_FILE, tooMany);
    const again = new SettingsStore(storage);
    const notice = await again.load(NOW);
    expect(notice).toContain(`symbols: At most ${MAX_SYMBOLS} symbols`);
    expect(again.current.symbols).toEqual(defaultSettings().symbols);
    expect([...storage.files.values()]).toContain(tooMany);
  });

  it('rejects unknown keys and invalid values without changing anything', async () => {
    const storage = new MemoryStorage();
    const store = new SettingsStore(storage);
    await store.load(NOW);
    expect((await store.update({ colour: 'red' })).ok).toBe(false);
    expect((await store.update({ historyDays: 0 })).ok).toBe(false);
    expect((await store.update({ baseUrl: 'http://example.com' })).ok).toBe(false);
    expect(storage.files.size).toBe(0);
    expect((await store.update({ baseUrl: 'http://127.0.0.1:8080' })).ok).toBe(true);
  });

  it('keeps the old settings when the file cannot be written', async () => {
    const storage = new MemoryStorage();
    storage.writeAtomic = async () => {
      throw new Error('disk full');
    };
    const store = new SettingsStore(storage);
    await store.load(NOW);
    expect(await store.update({ barSize: '5m' })).toEqual({
      ok: false,
      error: 'Settings could not be saved (disk full).',
    });
    expect(store.current.barSize).toBe('1m');
  });

  it('lands quick successive updates on disk in order', async () => {
    const storage = new MemoryStorage();
    const store = new SettingsStore(storage);
    await store.load(NOW);
    await Promise.all([store.update({ historyDays: 7 }), store.update({ historyDays: 9 })]);
    expect(JSON.parse(storage.files.get(SETTINGS_FILE)!).historyDays).toBe(9);
  });
});

describe('SettingsStore on disk', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes atomically (no temp file left) and sets a corrupt file aside', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-settings-'));
    const store = new SettingsStore(fsStorage(dir));
    await store.load(NOW);
    await store.update({ symbols: ['SPX'] });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
    expect(JSON.parse(await readFile(path.join(dir, SETTINGS_FILE), 'utf8')).symbols).toEqual([
      'SPX',
    ]);
    await writeFile(path.join(dir, SETTINGS_FILE), '{ oops');
    const again = new SettingsStore(fsStorage(dir));
    expect(await again.load(NOW)).toContain('kept as settings.corrupt-');
    expect((await readdir(dir)).sort()).toEqual([
      'settings.corrupt-2026-06-05T14-00-00-123Z.json',
      SETTINGS_FILE,
    ]);
  });
});

describe('the base URL setting', () => {
  it.each([
    'https://me:secret-pw@lab.flashalpha.com',
    'https://me@lab.flashalpha.com',
    'http://:pw@127.0.0.1:8787',
  ])('refuses credentials in %s with a message that says why, and keeps nothing', async (url) => {
    const storage = new MemoryStorage();
    const store = new SettingsStore(storage);
    await store.load(NOW);
    const result = await store.update({ baseUrl: url });
    expect(result).toEqual({
      ok: false,
      error:
        'baseUrl: The base URL must not contain a user name or password (user:password@); FlashAlpha takes the API key, which is kept in the keychain',
    });
    expect(storage.files.size).toBe(0);
    expect(store.current.baseUrl).toBe(defaultSettings().baseUrl);
  });

  it('sets aside a hand-edited file with credentials in the base URL', async () => {
    const storage = new MemoryStorage();
    storage.files.set(SETTINGS_FILE, JSON.stringify({ baseUrl: 'https://u:p@lab.flashalpha.com' }));
    const notice = await new SettingsStore(storage).load(NOW);
    expect(notice).toContain('must not contain a user name or password');
    expect(notice).not.toContain('u:p@');
  });
});

describe('a settings file that cannot be read is never overwritten (issue 15)', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = '';
  });

  const USER_FILE = `${JSON.stringify({ symbols: ['IWM', 'TSLA'], historyDays: 90 }, null, 2)}\n`;

  /** The real folder, with reads of settings.json failing (and renames too, when asked). */
  function failing(root: string, options: { rename?: boolean } = {}): FileStorage {
    const disk = fsStorage(root);
    const eio = (what: string) =>
      Object.assign(new Error(`EIO: i/o error, ${what} '${path.join(root, SETTINGS_FILE)}'`), {
        code: 'EIO',
      });
    return {
      ...disk,
      read: async (p) => {
        if (p === SETTINGS_FILE) throw eio('read');
        return disk.read(p);
      },
      rename: async (from, to) => {
        if (options.rename === false) throw eio('rename');
        return disk.rename(from, to);
      },
    };
  }

  it('sets a folder in place of the file aside, says so, and saves changes to a new file', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-settings-'));
    await mkdir(path.join(dir, SETTINGS_FILE));
    await writeFile(path.join(dir, SETTINGS_FILE, 'notes.txt'), 'mine');
    const store = new SettingsStore(fsStorage(dir));
    const notice = await store.load(NOW);
    const aside = 'settings.unreadable-2026-06-05T14-00-00-123Z.json';
    expect(notice).toBe(
      `Your settings file could not be read (EISDIR: illegal operation on a directory, read). It was set aside as ${aside}; defaults are in use, and changes are saved to a new file.`,
    );
    expect(await readFile(path.join(dir, aside, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await store.update({ barSize: '5m' })).toMatchObject({ ok: true });
    expect(JSON.parse(await readFile(path.join(dir, SETTINGS_FILE), 'utf8')).barSize).toBe('5m');
  });

  it('sets an unreadable file aside whole before anything is written', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-settings-'));
    await writeFile(path.join(dir, SETTINGS_FILE), USER_FILE);
    const store = new SettingsStore(failing(dir));
    expect(await store.load(NOW)).toContain('could not be read (EIO: i/o error, read');
    expect(await store.update({ barSize: '15m' })).toMatchObject({ ok: true });
    const aside = path.join(dir, 'settings.unreadable-2026-06-05T14-00-00-123Z.json');
    expect(await readFile(aside, 'utf8')).toBe(USER_FILE);
  });

  it('refuses to save, and says why, when the unreadable file cannot be set aside either', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-settings-'));
    await writeFile(path.join(dir, SETTINGS_FILE), USER_FILE);
    const store = new SettingsStore(failing(dir, { rename: false }));
    const notice = await store.load(NOW);
    expect(notice).toMatch(
      /^Your settings file could not be read \(EIO: .*\) nor set aside \(EIO: .*\); defaults are in use\. Changes are not saved, so the file is not overwritten: check its permissions or move it away, then restart HedgeFlow\.$/,
    );
    const update = await store.update({ barSize: '15m' });
    expect(update).toEqual({
      ok: false,
      error:
        'Settings cannot be saved: your settings file could not be read, and saving would overwrite it. Check its permissions or move it away, then restart HedgeFlow.',
    });
    expect(store.current.barSize).toBe('1m');
    expect(await readFile(path.join(dir, SETTINGS_FILE), 'utf8')).toBe(USER_FILE);
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('through the app: the notice says why, and a settings change is refused, not saved', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-settings-'));
    await writeFile(path.join(dir, SETTINGS_FILE), USER_FILE);
    const app = await HedgeFlowApp.create({
      clock: new ManualClock(NOW),
      http: async () => {
        throw new Error('no requests in this test');
      },
      secrets: new MemorySecretStore(null),
      notifier: { notify: () => {} },
      storage: failing(dir, { rename: false }),
      logger: silentLogger,
      createSimulator: () => {
        throw new Error('no demo in this test');
      },
    });
    expect(app.status().notice).toMatch(/could not be read .* nor set aside/);
    expect(await app.updateSettings({ symbols: ['SPY'] })).toMatchObject({
      ok: false,
      error: expect.stringContaining('saving would overwrite it'),
    });
    expect(await readFile(path.join(dir, SETTINGS_FILE), 'utf8')).toBe(USER_FILE);
  });

  it('refuses to save over a corrupt file that could not be set aside', async () => {
    const storage = new MemoryStorage();
    storage.files.set(SETTINGS_FILE, '{"symbols": [');
    storage.rename = async () => {
      throw new Error('EACCES: permission denied');
    };
    const store = new SettingsStore(storage);
    expect(await store.load(NOW)).toContain('could not be used (not valid JSON) nor set aside');
    expect(await store.update({ historyDays: 7 })).toMatchObject({ ok: false });
    expect(storage.files.get(SETTINGS_FILE)).toBe('{"symbols": [');
  });

  it('never overwrites an earlier file set aside at the same instant', async () => {
    const storage = new MemoryStorage();
    const aside = 'settings.corrupt-2026-06-05T14-00-00-123Z.json';
    storage.files.set(aside, 'first');
    storage.files.set(SETTINGS_FILE, 'second');
    const notice = await new SettingsStore(storage).load(NOW);
    expect(storage.files.get(aside)).toBe('first');
    expect(storage.files.get('settings.corrupt-2026-06-05T14-00-00-123Z-2.json')).toBe('second');
    expect(notice).toContain('settings.corrupt-2026-06-05T14-00-00-123Z-2.json');
  });
});
