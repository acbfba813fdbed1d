import type { z } from 'zod';
import type { SeriesBar } from '../model/flow.js';
import type { SeriesWire } from './wire-schemas.js';

type SeriesWireBar = z.output<typeof SeriesWire>['bars'][number];

/** Snake-case wire fields to the domain's names. */
export function toSeriesBar(b: SeriesWireBar): SeriesBar {
  return {
    t: b.t,
    spot: b.spot,
    netGex: b.net_gex,
    netDex: b.net_dex,
    gammaFlip: b.gamma_flip,
    callWall: b.call_wall,
    putWall: b.put_wall,
    magnet: b.magnet,
    pinScore: b.pin_score,
    pinProbabilityPct: b.pin_probability_pct,
    regime: b.regime,
    atmIv: b.atm_iv,
    charmDollarsPerHour: b.charm_dollars_per_hour,
    callCumulative: b.hedge_flow_call_cumulative,
    putCumulative: b.hedge_flow_put_cumulative,
    allCumulative: b.hedge_flow_cumulative_all,
  };
}
