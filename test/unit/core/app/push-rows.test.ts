// Push what changed: the poll loop hands the app every symbol's view every cycle; the app pushes
// a row only when its content changed since that symbol's last push, stamped with a revision
// that rises with every change, so receivers hold exactly the current rows.
import { describe, expect, it } from 'vitest';
import type { Snapshot, SymbolRow } from '../../../../core/contract/views.js';
import { openDemoApp } from './demo-app.js';

/** Friday 2026-06-05, 10:30 New York: an hour into a regular session. */
const FRIDAY_1030 = Date.parse('2026-06-05T14:30:00Z');

function content(row: SymbolRow): string {
  const { revision: _revision, ...view } = row;
  return JSON.stringify(view);
}

describe('the rows the app pushes', () => {
  it('go out only when their content changed, with rising revisions, and end as the current rows', async () => {
    const { app, clock, run } = await openDemoApp({ start: FRIDAY_1030 });
    const pushed: SymbolRow[] = [];
    app.on('symbol', (row) => pushed.push(row));
    app.start();
    await run(10 * 60_000);

    const symbols = app.settings.current.symbols;
    for (const symbol of symbols) {
      const mine = pushed.filter((r) => r.symbol === symbol);
      expect(mine.length, symbol).toBeGreaterThanOrEqual(10); // a new bar every minute
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]!.revision).toBeGreaterThan(mine[i - 1]!.revision);
        expect(content(mine[i]!)).not.toBe(content(mine[i - 1]!));
      }
      // What receivers hold is what the app has now: same content, same revision.
      const now = app.symbolViews().find((r) => r.symbol === symbol)!;
      expect(mine.at(-1)!.revision).toBe(now.revision);
      expect(content(mine.at(-1)!)).toBe(content(now));
    }
    // The loop hands over every row every cycle (at least one timer each); most cycles between
    // bar closes change nothing, and nothing is pushed for them.
    expect(pushed.length).toBeLessThan(symbols.length * clock.fired);
    await app.stop();
  });

  it('are not pushed again when nothing changed (pausing twice), and are when it did', async () => {
    const { app, run } = await openDemoApp({ start: FRIDAY_1030 });
    app.start();
    await run(5_000);
    const pushed: SymbolRow[] = [];
    app.on('symbol', (row) => pushed.push(row));

    app.setPaused(true);
    expect(pushed.map((r) => [r.symbol, r.status.kind])).toEqual([
      ['SPY', 'paused'],
      ['QQQ', 'paused'],
      ['SPX', 'paused'],
    ]);
    app.setPaused(true);
    expect(pushed).toHaveLength(3);
    const snapshot = app.snapshot();
    expect(snapshot.symbols.map((r) => r.revision)).toEqual(pushed.map((r) => r.revision));

    app.setPaused(false);
    await run(5_000);
    expect(pushed.length).toBeGreaterThan(3);
    expect(pushed.slice(3).every((r) => r.status.kind !== 'paused')).toBe(true);
    await app.stop();
  });

  it('start over with a snapshot when the list changes, and leave the dropped symbol alone', async () => {
    const { app, run } = await openDemoApp({ start: FRIDAY_1030 });
    app.start();
    await run(5_000);
    const before = app.snapshot();
    const snapshots: Snapshot[] = [];
    const pushed: SymbolRow[] = [];
    app.on('snapshot', (s) => snapshots.push(s));
    app.on('symbol', (row) => pushed.push(row));

    expect((await app.updateSettings({ symbols: ['QQQ', 'SPY'] })).ok).toBe(true);
    expect(snapshots.map((s) => s.symbols.map((r) => r.symbol))).toEqual([['QQQ', 'SPY']]);
    // Every revision is newer than anything handed out before the change.
    const newest = Math.max(...before.symbols.map((r) => r.revision));
    for (const row of snapshots[0]!.symbols) expect(row.revision).toBeGreaterThan(newest);
    await run(3 * 60_000);
    expect(new Set(pushed.map((r) => r.symbol))).toEqual(new Set(['QQQ', 'SPY']));
    await app.stop();
  });
});
