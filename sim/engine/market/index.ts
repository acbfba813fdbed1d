export * from './ny-time.js';
export * from './calendar.js';
export * from './clock-limits.js';
