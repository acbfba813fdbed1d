export * from './alert-channels.js';
export * from './bridge.js';
export * from './channels.js';
export * from './detector.js';
export * from './outcomes.js';
export * from './result.js';
export * from './settings.js';
export type * from './views.js';
