// The core's Notifier port on Electron's native notifications. A click opens the popover on the
// alert's symbol. macOS: unsigned builds get no notifications at all (docs/desktop.md).
import { Notification } from 'electron';
import type { Direction } from '../core/contract/detector.js';
import type { Logger } from '../core/ports/logger.js';
import type { NotificationRequest, Notifier } from '../core/ports/notifier.js';
import { notificationOptions } from './notification-options.js';

/**
 * Electron holds notifications weakly: one that is garbage-collected before the user clicks it
 * fires no click (https://github.com/electron/electron/issues/16922). The newest are kept.
 */
const KEEP_ALIVE = 20;

export interface ElectronNotifierOptions {
  readonly platform: NodeJS.Platform;
  /** A file for Linux notification daemons (macOS and Windows show the app's icon). */
  readonly linuxIcon: (direction: Direction) => string | null;
  readonly onClick: (symbol: string) => void;
  readonly logger: Logger;
}

export class ElectronNotifier implements Notifier {
  readonly #options: ElectronNotifierOptions;
  readonly #live = new Map<string, Notification>();
  #warnedUnsupported = false;

  constructor(options: ElectronNotifierOptions) {
    this.#options = options;
  }

  notify(request: NotificationRequest): void {
    const { logger, platform } = this.#options;
    if (!Notification.isSupported()) {
      if (!this.#warnedUnsupported) logger.warn('notifications are not supported on this system');
      this.#warnedUnsupported = true;
      return;
    }
    const notification = new Notification(
      notificationOptions(request, platform, this.#options.linuxIcon(request.direction)),
    );
    notification.on('click', () => {
      this.#forget(request.id, notification);
      this.#options.onClick(request.symbol);
    });
    notification.on('close', () => this.#forget(request.id, notification));
    notification.on('failed', (_event, error) => {
      this.#forget(request.id, notification);
      logger.warn('a notification could not be shown', { error });
    });
    this.#live.get(request.id)?.close();
    this.#live.delete(request.id);
    this.#live.set(request.id, notification);
    for (const id of this.#live.keys()) {
      if (this.#live.size <= KEEP_ALIVE) break;
      this.#live.delete(id);
    }
    notification.show();
  }

  #forget(id: string, notification: Notification): void {
    if (this.#live.get(id) === notification) this.#live.delete(id);
  }
}
