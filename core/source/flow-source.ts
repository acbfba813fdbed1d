import type { Account, ApiResult } from '../api/client.js';
import type { BarSize, HedgeFlowData, SeriesData, Side } from '../model/flow.js';
import type { SourceKind } from '../contract/views.js';

/** Where hedge flow comes from: FlashAlpha over HTTP, or the simulator in-process (demo). */
export interface FlowSource {
  readonly kind: SourceKind;
  hedgeFlow(
    symbol: string,
    query: { side: Side; bar: BarSize; minutes: number },
    signal?: AbortSignal,
  ): Promise<ApiResult<HedgeFlowData>>;
  series(
    symbol: string,
    query: { bar: BarSize; minutes: number },
    signal?: AbortSignal,
  ): Promise<ApiResult<SeriesData>>;
  account(signal?: AbortSignal): Promise<ApiResult<Account>>;
}
