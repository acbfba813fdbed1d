export type * from './clock.js';
export * from './http.js';
export type * from './logger.js';
export type * from './notifier.js';
export * from './secret-store.js';
export type * from './storage.js';
