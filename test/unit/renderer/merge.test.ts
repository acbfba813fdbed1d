// How the popover's store applies what main sends: a `symbol` push replaces one row (a delta),
// a snapshot names the list, and of two rows of a symbol the higher revision wins, whichever
// arrived last (an answer to getSnapshot and the pushes sent while it was in flight race).
import { describe, expect, it } from 'vitest';
import type { SymbolRow } from '../../../core/contract/views.js';
import { newerRows, withRow } from '../../../renderer/lib/merge.js';
import { symbolView } from '../electron/fixtures.js';

const row = (symbol: string, revision: number): SymbolRow => ({
  ...symbolView(symbol, { cumulative: revision }),
  revision,
});
const show = (rows: readonly SymbolRow[]) => rows.map((r) => `${r.symbol}@${r.revision}`);

describe('a pushed row', () => {
  it('replaces its symbol in place and leaves the other rows the same objects', () => {
    const rows = [row('SPY', 1), row('QQQ', 2), row('SPX', 3)];
    const next = withRow(rows, row('QQQ', 7));
    expect(show(next)).toEqual(['SPY@1', 'QQQ@7', 'SPX@3']);
    expect(next[0]).toBe(rows[0]);
    expect(next[2]).toBe(rows[2]);
    expect(show(rows)).toEqual(['SPY@1', 'QQQ@2', 'SPX@3']); // never mutated
  });

  it('is dropped when older than the row held, or when its symbol is not listed', () => {
    const rows = [row('SPY', 5)];
    expect(withRow(rows, row('SPY', 4))).toBe(rows);
    expect(withRow(rows, row('IWM', 9))).toBe(rows);
    expect(show(withRow(rows, row('SPY', 5)))).toEqual(['SPY@5']);
  });
});

describe('a snapshot', () => {
  it('sets the list and its order', () => {
    const held = [row('SPY', 1), row('QQQ', 2)];
    expect(show(newerRows([row('QQQ', 4), row('SPX', 5)], held))).toEqual(['QQQ@4', 'SPX@5']);
  });

  it('keeps a row pushed after the answer was taken, and takes the answer over older rows', () => {
    // The answer was taken at revision 6; SPY was pushed at 8 while it was in flight, and QQQ's
    // push at 3 was already in the answer as 6.
    const held = [row('SPY', 8), row('QQQ', 3)];
    const answer = [row('SPY', 6), row('QQQ', 6)];
    const merged = newerRows(answer, held);
    expect(show(merged)).toEqual(['SPY@8', 'QQQ@6']);
    expect(merged[0]).toBe(held[0]);
  });
});
