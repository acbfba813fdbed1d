export type TrayIconState = 'neutral' | 'up-squeeze' | 'down-squeeze' | 'stale' | 'paused' | 'demo';
export const TRAY_STATES: readonly TrayIconState[];
/** Straight RGBA bytes of one tray icon, `size` pixels square. */
export function drawTrayIcon(state: TrayIconState, size: number, template: boolean): Uint8Array;
/** Straight RGBA bytes of the app icon, `size` pixels square. */
export function drawAppIcon(size: number): Uint8Array;
