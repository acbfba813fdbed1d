// The simulator's HTTP front end (node:http), for the CLI and for tests.
export { redactKey, startSimServer } from './http-server.js';
export type { SimServer, SimServerOptions } from './http-server.js';
export { createClock, parseClockSpec } from './clock.js';
export type { ClockSetting, SimClock } from './clock.js';
export { FaultInjector, parseFaultSpec } from './faults.js';
export type { FaultAction, FaultDecision, FaultSpec } from './faults.js';
export { parseKeys, readKeysFile } from './keys-file.js';
export { startRecorder } from './recorder.js';
export type { Recorder } from './recorder.js';
