import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fsStorage } from '../../../../core/adapters/fs-storage.js';
import { MAX_SYMBOLS, defaultSettings } from '../../../../core/contract/settings.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
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
      settings: expect.objectContaining({ symbols: ['SPY', 'QQQ', 'BRK.B'] }),
    });
    const dup = await store.update({ symbols: ['SPY', ' spy'] });
    expect(dup).toEqual({ ok: false, message: expect.stringContaining('only once') });
    const many = await store.update({
      symbols: Array.from({ length: MAX_SYMBOLS + 1 }, (_, i) => `S${i}`),
    });
    expect(many).toEqual({ ok: false, message: expect.stringContaining(`At most ${MAX_SYMBOLS}`) });
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
      message: 'Settings could not be saved (disk full).',
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
      message:
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
