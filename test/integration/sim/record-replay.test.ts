// `--record` then `--replay`: a session recorded to NDJSON over a manual clock replays with
// the same bars, on a server that defaults its clock to the recorded open.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW, SERIES, get, manualServer } from './sim-http.js';
import { createClock } from '../../../sim/server/clock.js';
import { startRecorder } from '../../../sim/server/recorder.js';
import { startSimServer } from '../../../sim/server/http-server.js';
import { createSimulator } from '../../../sim/engine/simulator.js';

describe('record and replay', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hedgeflow-sim-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('records the tape and raw tier and serves them back unchanged', async () => {
    const file = join(dir, 'session.ndjson');
    const live = await manualServer('2026-06-05T13:30:00Z', { seed: 9, record: file });
    const queries = [
      `${FLOW}/SPY?bar=1m&minutes=390&side=puts`,
      `${SERIES}/QQQ?bar=5m&minutes=390`,
    ];
    const answers: string[] = [];
    for (let minute = 0; minute < 40; minute += 10) {
      live.clock.advance(10 * 60_000);
      for (const q of queries) answers.push((await get(live, q, 'alpha-key')).text);
    }
    // A recording ends at its last complete sample; run on so the last query's is recorded.
    live.clock.advance(60_000);
    await live.close();

    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string });
    expect(lines[0]).toMatchObject({ type: 'hedgeflow-sim-recording', seed: 9 });
    expect(lines.filter((l) => l.type === 'session')).toHaveLength(4);
    expect(lines.filter((l) => l.type === 'sample')).toHaveLength(4 * 82);
    expect(lines.filter((l) => l.type === 'trade').length).toBeGreaterThan(1000);

    const replay = await startSimServer({ replay: file, clock: { speed: 0 } });
    try {
      expect(new Date(replay.clock.now()).toISOString()).toBe('2026-06-05T13:30:00.000Z');
      const again: string[] = [];
      for (let minute = 0; minute < 40; minute += 10) {
        replay.clock.advance(10 * 60_000);
        for (const q of queries) again.push((await get(replay, q, 'alpha-key')).text);
      }
      expect(again).toEqual(answers);
      expect((await get(replay, `${FLOW}/IWM`, 'alpha-key')).status).toBe(200);
      expect((await get(replay, '/stockquote/SPX', 'alpha-key')).status).toBe(200);
      expect((await get(replay, '/stockquote/TSLA', 'alpha-key')).status).toBe(404);
    } finally {
      await replay.close();
    }
  });
});

describe('the recorder', () => {
  it('keeps the lines of a failed write and writes them with the next flush, nothing lost', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hedgeflow-rec-'));
    try {
      const sub = join(dir, 'out');
      await mkdir(sub);
      const file = join(sub, 'day.ndjson');
      const clock = createClock({ start: Date.parse('2026-06-05T13:30:00Z'), speed: 0 });
      const sim = createSimulator({ seed: 2, keepTape: true });
      const log: string[] = [];
      const recorder = startRecorder(file, sim, clock, ['SPY'], (l) => log.push(l));
      clock.advance(5 * 60_000);
      expect(recorder.flush()).toBe(true);
      await rm(sub, { recursive: true }); // the disk went away
      clock.advance(5 * 60_000);
      expect(recorder.flush()).toBe(false);
      expect(recorder.flush()).toBe(false);
      expect(log.filter((l) => l.includes('failed, will retry'))).toHaveLength(1);
      await mkdir(sub); // and came back (the file starts over, as after a rotation)
      clock.advance(60_000);
      recorder.stop();
      expect(log.at(-1)).toContain('resumed');
      const text = await readFile(file, 'utf8');
      // Everything from the failed writes on is there, in order: samples 13:35 to 13:40:30.
      const samples = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; t: string })
        .filter((l) => l.type === 'sample');
      expect(samples[0]!.t).toBe('2026-06-05T13:35:00Z');
      expect(samples.at(-1)!.t).toBe('2026-06-05T13:40:30Z');
      expect(samples).toHaveLength(12);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
