// The settings UI's "would have fired 3 times today": the same detector and alert engine run
// over one stored (or the current) session of one symbol.
import { sessionOn } from '../../calendar/index.js';
import { decisionSettings } from '../alerts/gates.js';
import type { AlertSettings, DetectorSettings, PreviewResult } from '../contract/detector.js';
import type { Settings } from '../contract/settings.js';
import { createReference } from '../detect/distribution.js';
import { previewAlerts } from '../detect/preview.js';
import { BAR_MS } from '../model/flow.js';
import type { MergedBar, SymbolState } from '../state/symbol-state.js';
import { detectorBars } from './alert-pipeline.js';
import type { AppArchive } from './app-archive.js';

export interface PreviewInput {
  readonly symbol: string;
  /** The session's New York date. */
  readonly date: string;
  readonly detector: DetectorSettings;
  readonly alerts: AlertSettings;
  readonly barMs: number;
  /** The session's closed bars: live state for today, history for a past day. */
  readonly bars: readonly MergedBar[];
  /** |bar| of earlier sessions, for the relative threshold. */
  readonly reference: readonly number[];
}

/**
 * Replays the day bar close by bar close. A hole in the bars (the app was asleep, or started
 * late) restarts the run there, as it did live; the bars on both sides of it still count.
 */
export function previewDay(input: PreviewInput): PreviewResult {
  return previewAlerts(
    { [input.symbol]: detectorBars(input.bars) },
    input.detector,
    input.alerts,
    sessionOn(input.date),
    {
      barMs: input.barMs,
      references: { [input.symbol]: createReference(input.reference) },
    },
  );
}

export interface DetectorPreviewQuery {
  readonly symbol: string;
  readonly detector: DetectorSettings;
  /** The session's New York date; default the latest session's. */
  readonly date?: string;
}

export interface PreviewSources {
  readonly settings: Settings;
  /** The latest session's New York date, on the lane's market clock. */
  readonly today: string;
  /** A symbol's live state, when the app is polling it (today's closed bars come from it). */
  readonly live: (symbol: string) => SymbolState | undefined;
  readonly archive: Pick<AppArchive, 'storedBars' | 'referenceBars'>;
}

/** The preview the settings UI asks for: over today's live bars, or a stored day's. */
export async function previewDetector(
  query: DetectorPreviewQuery,
  from: PreviewSources,
): Promise<PreviewResult> {
  const { symbol, detector } = query;
  const date = query.date ?? from.today;
  const live = date === from.today ? from.live(symbol) : undefined;
  const bars = live ? live.closedBars() : await from.archive.storedBars(symbol, date);
  const reference =
    detector.minPercentile > 0 ? await from.archive.referenceBars(symbol, date) : [];
  return previewDay({
    symbol,
    date,
    detector,
    alerts: decisionSettings(from.settings.alerts),
    barMs: BAR_MS[from.settings.barSize],
    bars,
    reference,
  });
}
