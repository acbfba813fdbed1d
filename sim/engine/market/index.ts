export * from './ny-time.js';
export * from './calendar.js';
