// The settings UI's "would have fired 3 times today": the same detector and alert engine run
// over one stored (or the current) session of one symbol.
import { sessionOn } from '../../calendar/index.js';
import type { AlertSettings, DetectorSettings, PreviewResult } from '../contract/detector.js';
import { createReference } from '../detect/distribution.js';
import { previewAlerts } from '../detect/preview.js';
import type { MergedBar } from '../state/symbol-state.js';
import { detectorBars } from './alert-pipeline.js';

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
