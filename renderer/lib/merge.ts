// Plain data helpers for the state classes (kept out of .svelte.ts files: nothing here is
// reactive, and nothing should be).
import type { AlertRecord, SymbolRow } from '../../core/contract/index.js';

/**
 * Alerts from several sources, one per id, newest first. The later source wins unless it knows
 * fewer of the alert's outcomes: outcomes only ever go from pending to decided, so a history
 * read that was in flight while an update was pushed cannot take a known outcome back.
 */
export function mergeAlerts(...sources: (readonly AlertRecord[])[]): AlertRecord[] {
  const byId = new Map<string, AlertRecord>();
  for (const source of sources) {
    for (const alert of source) {
      const seen = byId.get(alert.id);
      if (!seen || decided(alert) >= decided(seen)) byId.set(alert.id, alert);
    }
  }
  return [...byId.values()].sort((a, b) => b.firedAt - a.firedAt || b.t - a.t);
}

/** How many of an alert's outcome horizons are decided (known, unknown or left out). */
function decided(alert: AlertRecord): number {
  const h = alert.outcomes?.horizons;
  return h ? Object.values(h).filter((o) => o.status !== 'pending').length : -1;
}

/**
 * Rows from a snapshot (pushed, or the answer to getSnapshot) beside the rows already held. The
 * snapshot names the symbols and their order; per symbol the higher revision wins, so a row
 * pushed while a snapshot request was in flight (newer than the answer) is kept, and a row the
 * answer already had newer content for is not. Revisions come from one counter in main, so this
 * holds whatever order the answer and the pushes arrive in.
 */
export function newerRows(
  snapshot: readonly SymbolRow[],
  held: readonly SymbolRow[],
): readonly SymbolRow[] {
  const byName = new Map(held.map((row) => [row.symbol, row]));
  return snapshot.map((row) => {
    const kept = byName.get(row.symbol);
    return kept !== undefined && kept.revision >= row.revision ? kept : row;
  });
}

/**
 * One pushed row in place of its symbol's (a delta: the other rows stay the same objects). A row
 * older than the one held is dropped; a symbol not shown is ignored, since a snapshot follows
 * every change of the list.
 */
export function withRow(rows: readonly SymbolRow[], row: SymbolRow): readonly SymbolRow[] {
  const i = rows.findIndex((r) => r.symbol === row.symbol);
  if (i < 0 || rows[i]!.revision > row.revision) return rows;
  return rows.with(i, row);
}
