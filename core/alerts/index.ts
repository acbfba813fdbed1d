// The alert engine: episodes, escalation, cooldown, snooze, quiet periods, regular hours.
export { AlertEngine, type PollInput, type PollResult } from './engine.js';
export {
  cooldownMs,
  decisionSettings,
  quietPeriod,
  snoozeEnd,
  suppression,
  type GateInput,
} from './gates.js';
export { alertBody, alertTitle } from './text.js';
export {
  AlertEngineStateSchema,
  emptyAlertEngineState,
  parseAlertEngineState,
  type AlertEngineState,
  type EpisodeState,
  type SymbolAlertState,
} from './state.js';
