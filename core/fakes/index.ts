export * from './manual-clock.js';
export * from './memory-keyed-secret-store.js';
export * from './memory-secret-store.js';
export * from './memory-storage.js';
export * from './recording-notifier.js';
