// The hedge-flow engine's public surface: pure TypeScript, no Node built-ins, usable in the
// app's main process, in a renderer and behind sim/server's HTTP front end alike.
export { createSimulator } from './simulator.js';
export type { RawSample, RecordedSession, Simulator, SimulatorOptions } from './simulator.js';
export type { SimRequest, SimResponse } from './api/types.js';
export { DAILY_LIMIT, DEFAULT_KEYS, PLANS, PLAN_TITLE, isPlan } from './api/plans.js';
export type { ApiKey, Plan } from './api/plans.js';
export { BAR_MS, BAR_SIZES, SIDES, MAX_MINUTES, DEFAULT_MINUTES } from './api/params.js';
export type { BarSize, Side } from './api/params.js';
export { SAMPLE_MS } from './api/window.js';
export { isoSeconds } from './api/responses.js';
export { nextUtcMidnight } from './api/quota.js';
export { DEFAULT_PROFILES, completeProfile, resolveProfiles } from './model/symbols.js';
export type { SymbolProfile, SymbolProfileInput } from './model/symbols.js';
export { REGIMES } from './model/regimes.js';
export type { RegimeName } from './model/regimes.js';
export { MODEL_STEP_MS } from './model/day-generator.js';
export type { DayTrack, StateField } from './model/day-track.js';
export type { Trade, TradeLeg, TradeSide } from './model/trade-log.js';
export { parseRecording, RecordingError } from './replay/parse-recording.js';
export type { Recording } from './replay/parse-recording.js';
export { RecordingCursor } from './replay/recording-cursor.js';
export { RECORDING_FORMAT, RECORDING_VERSION } from './replay/recording.js';
export { dayStats, summarize } from './calibration/day-stats.js';
export type { DayStats, StatsSummary } from './calibration/day-stats.js';
export { squeezeAt, squeezeOnsets, SQUEEZE_RUN } from './calibration/squeeze-rule.js';
