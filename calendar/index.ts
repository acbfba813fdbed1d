// The NYSE calendar and New York time: sessions, holidays, early closes, DST (from Intl), 0DTE
// listings, and the range a virtual clock may take. A leaf that imports nothing: the app
// (core/, cli/, electron/) and the simulator (sim/) both read it, so neither owns it
// (docs/architecture.md, Layers; enforced by eslint-rules/layering.js).
export * from './ny-time.js';
export * from './nyse-rules.js';
export * from './calendar.js';
export * from './zero-dte.js';
export * from './clock-limits.js';
