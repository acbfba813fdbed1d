// The popover's size, remembered across launches in userData/window-state.json. Geometry is the
// shell's business, so it stays out of settings.json (which the renderer edits and validates).
import type { FileStorage } from '../core/ports/storage.js';
import type { Size } from './popover-placement.js';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_POPOVER_SIZE: Size = { width: 360, height: 480 };
export const MIN_POPOVER_SIZE: Size = { width: 300, height: 320 };
const MAX_POPOVER_SIZE: Size = { width: 1000, height: 1400 };

function dimension(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.round(Math.min(Math.max(value, min), max));
}

/** A size within the popover's limits; anything unreadable gives the default. */
function normalizeSize(value: unknown): Size {
  if (typeof value !== 'object' || value === null) return DEFAULT_POPOVER_SIZE;
  const { width, height } = value as { width?: unknown; height?: unknown };
  return {
    width: dimension(
      width,
      MIN_POPOVER_SIZE.width,
      MAX_POPOVER_SIZE.width,
      DEFAULT_POPOVER_SIZE.width,
    ),
    height: dimension(
      height,
      MIN_POPOVER_SIZE.height,
      MAX_POPOVER_SIZE.height,
      DEFAULT_POPOVER_SIZE.height,
    ),
  };
}

export class WindowStateStore {
  readonly #storage: FileStorage;
  #saved: string | null = null;

  constructor(storage: FileStorage) {
    this.#storage = storage;
  }

  async load(): Promise<Size> {
    let text: string | null;
    try {
      text = await this.#storage.read(WINDOW_STATE_FILE);
    } catch {
      return DEFAULT_POPOVER_SIZE;
    }
    if (text === null) return DEFAULT_POPOVER_SIZE;
    let size: Size;
    try {
      size = normalizeSize((JSON.parse(text) as { popover?: unknown }).popover);
    } catch {
      return DEFAULT_POPOVER_SIZE;
    }
    this.#saved = JSON.stringify(size);
    return size;
  }

  /** Writes only when the size changed since the last load or save. */
  async save(size: Size): Promise<void> {
    const normal = normalizeSize(size);
    const key = JSON.stringify(normal);
    if (key === this.#saved) return;
    this.#saved = key;
    await this.#storage.writeAtomic(
      WINDOW_STATE_FILE,
      `${JSON.stringify({ popover: normal }, null, 2)}\n`,
    );
  }
}
