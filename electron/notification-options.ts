// How a core NotificationRequest becomes the options of an Electron Notification, per platform.
import type { NotificationConstructorOptions } from 'electron';
import type { NotificationRequest } from '../core/ports/notifier.js';

/**
 * - sound: the core decides (settings.notifications.sound); `silent` suppresses the OS sound on
 *   every platform. On macOS a non-silent notification plays the system's default sound; naming
 *   one with `sound` is not needed.
 * - groupId collects a symbol's alerts in Notification Center / Action Center (macOS, Windows).
 * - id is the alert's stable id, so a repeat of the same alert replaces the old one.
 * - icon: Windows and macOS use the app's own icon; Linux daemons need a file.
 */
export function notificationOptions(
  request: NotificationRequest,
  platform: NodeJS.Platform,
  linuxIcon: string | null,
): NotificationConstructorOptions {
  const options: NotificationConstructorOptions = {
    title: request.title,
    body: request.body,
    silent: !request.sound,
  };
  if (platform === 'darwin' || platform === 'win32') {
    return { ...options, id: request.id, groupId: `hedgeflow-${request.symbol}` };
  }
  return {
    ...options,
    urgency: 'normal',
    timeoutType: 'default',
    ...(linuxIcon === null ? {} : { icon: linuxIcon }),
  };
}
