import type { NotificationRequest, Notifier } from '../ports/notifier.js';

/** Keeps every notification it is asked to show. */
export class RecordingNotifier implements Notifier {
  readonly sent: NotificationRequest[] = [];
  #listeners = new Set<(n: NotificationRequest) => void>();

  notify(request: NotificationRequest): void {
    this.sent.push(request);
    for (const l of this.#listeners) l(request);
  }

  onNotify(listener: (n: NotificationRequest) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
