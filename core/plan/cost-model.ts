// What one request returns, and so the cheapest set of requests per symbol for what the row
// shows (docs/polling.md, "Cost model"). Every request costs one unit of the daily quota:
//
//   series      1 request: the call, put and total cumulatives, spot and the gamma flip per bar;
//               per-bar values are the difference of adjacent cumulatives.
//   hedge-flow  1 request per side (all | calls | puts): exact per-bar values and the
//               cumulative of that one side; no price.
//
// So series covers any row that shows a leg or the price for the cost of one request, where
// hedge-flow would need up to three (all + calls + puts) and still lack the price. The app always
// needs the price: every alert's outcome is a price move (docs/scorecard.md), and series costs
// the same one request as hedge-flow side=all, so hiding the price row never costs the
// outcomes. hedge-flow side=all remains for callers that need neither (TOTAL_ONLY_MIX).
import type { Settings } from '../contract/settings.js';
import type { Side } from '../model/flow.js';

/** What the app must fetch per symbol: what the row shows plus what the detector reads. */
export interface Needs {
  readonly calls: boolean;
  readonly puts: boolean;
  readonly price: boolean;
}

export type FetchMix =
  { readonly kind: 'series' } | { readonly kind: 'hedge-flow'; readonly sides: readonly Side[] };

export const SERIES_MIX: FetchMix = { kind: 'series' };
export const TOTAL_ONLY_MIX: FetchMix = { kind: 'hedge-flow', sides: ['all'] };
/** The seed article's loop: side=all for the detector, calls and puts for attribution. */
export const SEED_ARTICLE_MIX: FetchMix = { kind: 'hedge-flow', sides: ['all', 'calls', 'puts'] };

export function needsFrom(settings: Pick<Settings, 'legs' | 'detector'>): Needs {
  const d = settings.detector;
  const attribution = d.requireAttribution !== 'any';
  return {
    calls: settings.legs.calls || attribution,
    puts: settings.legs.puts || attribution,
    // Always: alerts' outcomes are price moves (docs/scorecard.md), as are the row's price,
    // requireChasing and gammaFlipCross; series brings spot at no extra request.
    price: true,
  };
}

/** The cheapest mix that yields everything `needs` asks for. */
export function chooseMix(needs: Needs): FetchMix {
  return needs.calls || needs.puts || needs.price ? SERIES_MIX : TOTAL_ONLY_MIX;
}

/** Requests one poll of one symbol costs. */
export function mixCost(mix: FetchMix): number {
  switch (mix.kind) {
    case 'series':
      return 1;
    case 'hedge-flow':
      return mix.sides.length;
  }
}

/** The projections a poll with this mix completes (what "up to date" means for a symbol). */
export function mixSides(mix: FetchMix): readonly Side[] {
  switch (mix.kind) {
    case 'series':
      return ['all', 'calls', 'puts'];
    case 'hedge-flow':
      return mix.sides;
  }
}
