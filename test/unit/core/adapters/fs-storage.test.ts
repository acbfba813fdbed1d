// Issue 15, item 8: the data folder's storage never writes through a symbolic link that leaves
// the folder: not a history append, not a settings write, not a rename or a removal. Links
// that stay inside the folder, and a data folder that is itself a link, keep working.
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../cli/io.js';
import { watchCommand } from '../../../../cli/watch-command.js';
import { fsStorage } from '../../../../core/adapters/fs-storage.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { FakeFlowServer } from '../app/fake-flow-server.js';

let root = '';
let data = '';
let outside = '';

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'hedgeflow-links-'));
  data = path.join(root, 'data');
  outside = path.join(root, 'elsewhere');
  await mkdir(data);
  await mkdir(outside);
  await writeFile(path.join(outside, 'precious.txt'), 'keep me');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const LEAVES = /leaves the data folder/;

describe('the data folder never writes through a link that leaves it', () => {
  it('refuses history appends through a linked history folder, and writes nothing there', async () => {
    await symlink(outside, path.join(data, 'history'));
    const storage = fsStorage(data);
    await expect(storage.append('history/2026-06-05.SPY.1m.bars.ndjson', '{}\n')).rejects.toThrow(
      LEAVES,
    );
    await expect(storage.writeAtomic('history/x.json', '{}')).rejects.toThrow(LEAVES);
    await expect(storage.append('history/deeper/x.ndjson', '{}\n')).rejects.toThrow(LEAVES);
    expect((await readdir(outside)).sort()).toEqual(['precious.txt']);
  });

  it('refuses to append to a file that is a link out of the folder', async () => {
    await mkdir(path.join(data, 'history'));
    await symlink(
      path.join(outside, 'precious.txt'),
      path.join(data, 'history', '2026-06-05.SPY.1m.bars.ndjson'),
    );
    const storage = fsStorage(data);
    await expect(storage.append('history/2026-06-05.SPY.1m.bars.ndjson', 'x\n')).rejects.toThrow(
      LEAVES,
    );
    expect(await readFile(path.join(outside, 'precious.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses to replace a settings file that is a link out of the folder, and keeps the link', async () => {
    const link = path.join(data, 'settings.json');
    await symlink(path.join(outside, 'precious.txt'), link);
    const storage = fsStorage(data);
    await expect(storage.writeAtomic('settings.json', '{}')).rejects.toThrow(LEAVES);
    expect(await readlink(link)).toBe(path.join(outside, 'precious.txt'));
    expect(await readFile(path.join(outside, 'precious.txt'), 'utf8')).toBe('keep me');
    expect(await readdir(data)).toEqual(['settings.json']); // no temp file left behind
  });

  it('refuses to remove or rename through a link out of the folder', async () => {
    await symlink(outside, path.join(data, 'history'));
    const storage = fsStorage(data);
    await expect(storage.remove('history/precious.txt')).rejects.toThrow(LEAVES);
    await expect(storage.rename('history/precious.txt', 'stolen.txt')).rejects.toThrow(LEAVES);
    await writeFile(path.join(data, 'mine.txt'), 'mine');
    await expect(storage.rename('mine.txt', 'history/mine.txt')).rejects.toThrow(LEAVES);
    expect((await readdir(outside)).sort()).toEqual(['precious.txt']);
    expect(await readFile(path.join(data, 'mine.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a link that points nowhere (the write would create its target outside)', async () => {
    await symlink(path.join(outside, 'not-yet'), path.join(data, 'history'));
    await expect(fsStorage(data).append('history/a.ndjson', 'x\n')).rejects.toThrow(LEAVES);
    expect((await readdir(outside)).sort()).toEqual(['precious.txt']);
  });

  it('still writes through links that stay inside, and into a data folder that is a link', async () => {
    await mkdir(path.join(data, 'archive', 'history'), { recursive: true });
    await symlink(path.join(data, 'archive', 'history'), path.join(data, 'history'));
    await fsStorage(data).append('history/a.ndjson', 'x\n');
    expect(await readFile(path.join(data, 'archive', 'history', 'a.ndjson'), 'utf8')).toBe('x\n');
    const linkedData = path.join(root, 'data-link');
    await symlink(data, linkedData);
    await fsStorage(linkedData).writeAtomic('settings.json', '{}\n');
    expect(await readFile(path.join(data, 'settings.json'), 'utf8')).toBe('{}\n');
  });

  it('reads through any link (reading cannot harm), and still refuses paths that escape', async () => {
    await symlink(outside, path.join(data, 'history'));
    const storage = fsStorage(data);
    expect(await storage.read('history/precious.txt')).toBe('keep me');
    await expect(storage.append('../elsewhere/x', 'x')).rejects.toThrow(/escapes the data folder/);
  });
});

describe('hedgeflow watch --data-dir with history linked out of the folder', () => {
  it('keeps watching, says why history is not written, and writes nothing outside', async () => {
    await symlink(outside, path.join(data, 'history'));
    const key = 'gk_live_0123456789';
    const clock = new ManualClock(Date.parse('2026-06-05T14:30:00Z'));
    const server = new FakeFlowServer({ now: () => clock.now(), keys: { [key]: 2500 } });
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
      readInput: async () => '',
      env: { HEDGEFLOW_API_KEY: key },
      isTty: false,
      interrupted: new Promise<void>(() => {}),
    };
    let stop: () => void = () => {};
    const until = new Promise<void>((resolve) => (stop = resolve));
    const done = watchCommand(
      ['--symbols', 'SPY', '--base-url', 'http://127.0.0.1:9', '--data-dir', data, '--json'],
      io,
      { clock, until, http: server.transport },
    );
    for (let cycle = 0; cycle < 3; cycle++) {
      const deadline = Date.now() + 10_000;
      while (clock.pendingTimers === 0 && Date.now() < deadline) {
        await new Promise<void>((resolve) => setTimeout(resolve, 1));
      }
      clock.advanceTo(clock.nextTimerAt()!);
    }
    stop();
    expect(await done).toBe(0);
    expect(out.some((l) => l.includes('"type":"bars"'))).toBe(true);
    expect(err.join('\n')).toMatch(/history write failed .*leaves the data folder/);
    expect((await readdir(outside)).sort()).toEqual(['precious.txt']);
  });
});
