export * from './ny-time.js';
export * from './nyse-rules.js';
export * from './calendar.js';
export * from './zero-dte.js';
export * from './clock-limits.js';
