import { describe, expect, it } from 'vitest';
import { RowRevisions } from '../../../../core/app/row-revisions.js';
import { symbolView } from '../../electron/fixtures.js';

describe('row revisions', () => {
  it('keeps the row and its revision while the content is the same, and moves on when it changes', () => {
    const rows = new RowRevisions();
    const first = rows.stamp(symbolView('SPY'));
    expect(rows.stamp(symbolView('SPY'))).toBe(first);
    const changed = rows.stamp(symbolView('SPY', { cumulative: 1 }));
    expect(changed.revision).toBeGreaterThan(first.revision);
    expect(changed).toMatchObject({ symbol: 'SPY', cumulative: 1 });
    // Back to the first content is a change too: revisions only rise.
    expect(rows.stamp(symbolView('SPY')).revision).toBeGreaterThan(changed.revision);
  });

  it('draws every revision from one counter, so rows of different symbols never share one', () => {
    const rows = new RowRevisions();
    const revisions = ['SPY', 'QQQ', 'SPX', 'SPY'].map(
      (s, i) => rows.stamp(symbolView(s, { cumulative: i })).revision,
    );
    expect(new Set(revisions).size).toBe(4);
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
  });

  it('pushes a row once, and again only after its content changed', () => {
    const rows = new RowRevisions();
    const spy = rows.stamp(symbolView('SPY'));
    expect(rows.shouldPush(spy)).toBe(true);
    expect(rows.shouldPush(rows.stamp(symbolView('SPY')))).toBe(false);
    expect(rows.shouldPush(rows.stamp(symbolView('SPY', { lastBar: 5 })))).toBe(true);
    expect(rows.shouldPush(rows.stamp(symbolView('SPY', { lastBar: 5 })))).toBe(false);
  });

  it('after a snapshot, treats its rows as pushed and forgets the symbols it left out', () => {
    const rows = new RowRevisions();
    const spy = rows.stamp(symbolView('SPY'));
    const qqq = rows.stamp(symbolView('QQQ'));
    rows.replaced([spy]);
    expect(rows.shouldPush(rows.stamp(symbolView('SPY')))).toBe(false);
    // QQQ was dropped from the list: added back, it is news again, with a new revision.
    const again = rows.stamp(symbolView('QQQ'));
    expect(again.revision).toBeGreaterThan(qqq.revision);
    expect(rows.shouldPush(again)).toBe(true);
  });
});
