// Recording and replay without the file system: the lines a running simulator produces
// parse back into days that serve the same bars for every completed sample.
import { describe, expect, it } from 'vitest';
import { RecordingCursor } from '../../../sim/engine/replay/recording-cursor.js';
import { RecordingError, parseRecording } from '../../../sim/engine/replay/parse-recording.js';
import { createSimulator } from '../../../sim/engine/simulator.js';

const OPEN = Date.parse('2026-06-05T13:30:00Z');

describe('recording', () => {
  it("writes a header, a session, then each window's prints followed by its sample, incrementally", () => {
    const sim = createSimulator({ seed: 3, keepTape: true });
    const cursor = new RecordingCursor(sim, ['SPY']);
    const first = cursor
      .linesUpTo(OPEN + 95_000)
      .map((l) => JSON.parse(l) as { type: string; t?: string });
    expect(first[0]).toMatchObject({ type: 'hedgeflow-sim-recording', version: 1, seed: 3 });
    expect(first[1]).toMatchObject({ type: 'session', symbol: 'SPY', date: '2026-06-05' });
    const samples = first.filter((l) => l.type === 'sample');
    expect(samples.map((s) => s.t)).toEqual([
      '2026-06-05T13:30:00Z',
      '2026-06-05T13:30:30Z',
      '2026-06-05T13:31:00Z',
    ]);
    expect(first.filter((l) => l.type === 'trade').length).toBeGreaterThan(100);
    // Prints ascend, and each sample line closes its window: earlier prints fall before its
    // end, later ones after it.
    const body = first.slice(2).map((l) => ({ type: l.type, t: Date.parse(l.t ?? '') }));
    const prints = body.filter((l) => l.type === 'trade').map((l) => l.t);
    expect(prints).toEqual([...prints].sort((a, b) => a - b));
    body.forEach((line, i) => {
      if (line.type !== 'sample') return;
      const end = line.t + 30_000;
      expect(body.slice(0, i).every((l) => l.type !== 'trade' || l.t < end)).toBe(true);
      expect(body.slice(i).every((l) => l.type !== 'trade' || l.t >= end)).toBe(true);
    });
    const next = cursor.linesUpTo(OPEN + 125_000).map((l) => JSON.parse(l) as { type: string });
    expect(next.filter((l) => l.type === 'sample')).toHaveLength(1);
    expect(next.some((l) => l.type === 'session')).toBe(false);
  });

  it('replays recorded days with the same bars as the model for completed samples', () => {
    const live = createSimulator({ seed: 5 });
    const cursor = new RecordingCursor(live, ['SPY', 'QQQ']);
    const stop = OPEN + 47 * 60_000;
    const text = cursor.linesUpTo(stop).join('\n');
    const replay = createSimulator({ replay: text });
    expect(replay.source).toBe('replay');
    expect(replay.seed).toBe(5);
    expect(replay.recordedSessions().map((s) => s.symbol)).toEqual(['SPY', 'QQQ']);
    const url = '/v1/flow/zero-dte/series/QQQ?bar=1m&minutes=390';
    const req = { method: 'GET', url, headers: { 'x-api-key': 'alpha-key' } };
    const at = OPEN + 40 * 60_000;
    expect(replay.handle(req, at).body).toBe(live.handle(req, at).body);
    // After the recording stops, the replay serves what was recorded and nothing more.
    const late = JSON.parse(replay.handle(req, stop + 3_600_000).body) as { bars: { t: string }[] };
    expect(late.bars.at(-1)?.t).toBe('2026-06-05T14:16:00Z');
  });

  it('names the line of a broken recording', () => {
    expect(() => parseRecording('')).toThrow(RecordingError);
    expect(() =>
      parseRecording('{"type":"hedgeflow-sim-recording","version":1}\nnot json\n{}\n'),
    ).toThrow(/line 2: not JSON/);
    expect(() => parseRecording('{"type":"other"}')).toThrow(/header/);
  });

  it('drops a torn last line (a crash mid-append) and keeps every complete sample', () => {
    const live = createSimulator({ seed: 6 });
    const text = `${new RecordingCursor(live, ['SPY']).linesUpTo(OPEN + 10 * 60_000).join('\n')}\n`;
    const torn = `${text}{"type":"sample","symbol":"SPY","date":"2026-06-05","t":"2026-06-0`;
    const url = '/v1/flow/zero-dte/hedge-flow/SPY?bar=30s&minutes=390';
    const req = { method: 'GET', url, headers: { 'x-api-key': 'alpha-key' } };
    const at = OPEN + 9 * 60_000;
    expect(createSimulator({ replay: torn }).handle(req, at).body).toBe(live.handle(req, at).body);
  });
});

describe('recording across days', () => {
  it('finishes a session even when the clock jumps to the next day between writes', () => {
    const sim = createSimulator({ seed: 4 });
    const cursor = new RecordingCursor(sim, ['IWM']);
    cursor.linesUpTo(OPEN + 60_000);
    const next = cursor
      .linesUpTo(Date.parse('2026-06-08T14:00:00Z'))
      .map((l) => JSON.parse(l) as { type: string; date: string });
    const samples = (date: string): number =>
      next.filter((l) => l.type === 'sample' && l.date === date).length;
    expect(samples('2026-06-05')).toBe(778); // 780 in the session, 2 written before
    expect(next.filter((l) => l.type === 'session').map((l) => l.date)).toEqual(['2026-06-08']);
    expect(samples('2026-06-08')).toBe(60);
  });
});
