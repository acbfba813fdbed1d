// Issue 15: the settings file's parser fed random, mutated and truncated files on a real disk.
// Loading never throws; a file it cannot use is kept aside byte for byte with a notice that
// says what is wrong; a file it can use is left exactly as it was; and the next change is saved
// without touching the file kept aside.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsStorage } from '../../../../core/adapters/fs-storage.js';
import { SettingsSchema, defaultSettings } from '../../../../core/contract/settings.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import type { FileStorage } from '../../../../core/ports/storage.js';
import { SETTINGS_FILE, SettingsStore } from '../../../../core/settings/settings-store.js';

const NOW = Date.parse('2026-06-05T14:00:00.123Z');
const ASIDE = 'settings.corrupt-2026-06-05T14-00-00-123Z.json';

/** A hand-edited file with every section set. */
const VALID = `${JSON.stringify(
  {
    ...defaultSettings(),
    symbols: ['SPY', 'QQQ', 'BRK.B'],
    barSize: '5m',
    baseUrl: 'http://127.0.0.1:8787',
    historyDays: 90,
    zeroDteListings: { TSLA: [5] },
  },
  null,
  2,
)}\n`;

let root = '';
let run = 0;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'hedgeflow-settings-fuzz-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Place {
  readonly storage: FileStorage;
  file(name: string): Promise<string | null>;
  names(): Promise<string[]>;
  clear(): Promise<void>;
}

/** A fresh folder on disk (every save is flushed: slow, so used for a sample of inputs). */
async function onDisk(text: string): Promise<Place> {
  const dir = path.join(root, `run-${run++}`);
  await mkdir(dir);
  await writeFile(path.join(dir, SETTINGS_FILE), text);
  return {
    storage: fsStorage(dir),
    file: (name) => readFile(path.join(dir, name), 'utf8').catch(() => null),
    names: async () => (await readdir(dir)).sort(),
    clear: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The same through the in-memory port: for sweeps of every input. */
async function inMemory(text: string): Promise<Place> {
  const storage = new MemoryStorage();
  storage.files.set(SETTINGS_FILE, text);
  return {
    storage,
    file: async (name) => storage.files.get(name) ?? null,
    names: async () => [...storage.files.keys()].sort(),
    clear: async () => storage.files.clear(),
  };
}

/** Loads `text`, then saves a change; checks nothing was lost. */
async function loadAndChange(
  text: string,
  place: (text: string) => Promise<Place> = onDisk,
): Promise<'used' | 'set aside'> {
  const at = await place(text);
  const store = new SettingsStore(at.storage);
  let notice: string | null;
  try {
    notice = await store.load(NOW);
  } catch (error) {
    throw new Error(`load threw on ${JSON.stringify(text)}: ${String(error)}`, { cause: error });
  }
  expect(SettingsSchema.safeParse(store.current).success).toBe(true);
  let outcome: 'used' | 'set aside';
  if (notice === null) {
    expect(await at.file(SETTINGS_FILE)).toBe(text);
    outcome = 'used';
  } else {
    expect(notice).toMatch(
      new RegExp(
        `^Your settings file could not be used \\((.+)\\)\\. It was kept as ${ASIDE.replace(/\./g, '\\.')} and defaults were restored\\.$`,
      ),
    );
    expect(notice).not.toMatch(/received undefined|\[object Object\]|\(\)/);
    expect(await at.file(ASIDE)).toBe(text);
    expect(store.current).toEqual(defaultSettings());
    outcome = 'set aside';
  }
  expect(await store.update({ historyDays: 7 })).toMatchObject({ ok: true });
  const saved = JSON.parse((await at.file(SETTINGS_FILE)) ?? 'null') as { historyDays: number };
  expect(saved.historyDays).toBe(7);
  if (outcome === 'set aside') {
    expect(await at.file(ASIDE)).toBe(text);
    expect(await at.names()).toEqual([ASIDE, SETTINGS_FILE]);
  }
  await at.clear();
  return outcome;
}

describe('the settings file with bad input', () => {
  it('uses the valid file as is (the baseline the mutations start from)', async () => {
    expect(await loadAndChange(VALID)).toBe('used');
  });

  it('cut at every length: set aside whole with a notice, never half-read', async () => {
    const outcomes = new Set<string>();
    for (let length = 0; length < VALID.length - 1; length++) {
      // The empty file is a file the user has (an editor crashed): it is set aside too.
      outcomes.add(await loadAndChange(VALID.slice(0, length), inMemory));
      if (length % 50 === 0) outcomes.add(await loadAndChange(VALID.slice(0, length), onDisk));
    }
    expect([...outcomes]).toEqual(['set aside']);
  });

  it('random text, random JSON and mutated files: never a crash, nothing lost', async () => {
    const keys = Object.keys(defaultSettings());
    const mutated = fc
      .tuple(fc.constantFrom(...keys), fc.jsonValue())
      .map(([key, value]) => JSON.stringify({ ...JSON.parse(VALID), [key]: value }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json(), mutated),
        async (text) => {
          await loadAndChange(text, inMemory);
        },
      ),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), mutated), async (text) => {
        await loadAndChange(text, onDisk);
      }),
      { numRuns: 25 },
    );
  });
});
