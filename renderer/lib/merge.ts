// Plain data helpers for the state classes (kept out of .svelte.ts files: nothing here is
// reactive, and nothing should be).
import type { AlertRecord, SymbolView } from '../../core/contract/index.js';

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
 * A snapshot's views, except for symbols pushed while it was in flight: those pushes are newer
 * than the snapshot and are kept.
 */
export function keepNewer(
  snapshot: readonly SymbolView[],
  current: readonly SymbolView[],
  pushed: ReadonlySet<string>,
): SymbolView[] {
  const byName = new Map(current.map((view) => [view.symbol, view]));
  return snapshot.map((view) =>
    pushed.has(view.symbol) ? (byName.get(view.symbol) ?? view) : view,
  );
}

/** Which symbols were pushed while a snapshot request was in flight (not reactive state). */
export class PushLog {
  readonly #names = new Set<string>();
  add(name: string): void {
    this.#names.add(name);
  }
  clear(): void {
    this.#names.clear();
  }
  get names(): ReadonlySet<string> {
    return this.#names;
  }
}
