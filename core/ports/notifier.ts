import type { Direction } from '../contract/detector.js';

export interface NotificationRequest {
  readonly id: string;
  readonly symbol: string;
  readonly title: string;
  readonly body: string;
  readonly sound: boolean;
  readonly direction: Direction;
}

/** Native notifications. Clicks are wired by the adapter (it opens the popover on `symbol`). */
export interface Notifier {
  notify(request: NotificationRequest): void;
}
