// The squeeze detector: pure functions over a session's closed bars.
export { evaluate, scan } from './detector.js';
export { createReference } from './distribution.js';
export { closedOnly, toDetectorBars, type BarSources, type SeriesPoint } from './bars.js';
export { describeReason } from './explain.js';
export {
  previewAlerts,
  replayAlerts,
  inferBarMs,
  type PreviewOptions,
  type ReplayDay,
  type ReplayResult,
} from './preview.js';
export { MAX_EVIDENCE_BARS } from './evidence.js';
export type * from './types.js';
