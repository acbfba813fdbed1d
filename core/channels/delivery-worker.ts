// One channel's delivery loop: its outbox entries in order, one request at a time, paced by the
// service's rate limit, Retry-After and a backoff. Each channel has its own worker and timers, so
// a slow or failing service never holds up another channel, nor polling.
import { messageOf } from '../base/error-message.js';
import type { ChannelConfig } from '../contract/settings.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { SendOutcome } from './outcome.js';
import type { TokenBucket } from './rate-limit.js';

/** Failures the service answered (5xx, 429) before an alert is given up. */
export const MAX_ATTEMPTS = 8;
/** An alert older than this is no longer worth sending (0DTE alerts are about today's tape). */
export const MAX_AGE_MS = 12 * 60 * 60_000;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;
const NETWORK_BASE_MS = 5_000;
const NETWORK_MAX_MS = 60_000;

export interface WorkerDeps {
  readonly channelId: string;
  readonly clock: Clock;
  readonly outbox: Outbox;
  readonly bucket: TokenBucket;
  readonly logger: Logger;
  /** 0 <= x < 1, for the backoff's jitter. */
  readonly random: () => number;
  /** The channel's settings now (null: removed). */
  readonly channel: () => ChannelConfig | null;
  /** Whether anything may be sent now (started, online). */
  readonly canSend: () => boolean;
  /** Whether the channel's secrets can be read (from memory, or the keychain once a minute). */
  readonly ready: () => Promise<boolean>;
  /** One attempt; null when the channel's secrets cannot be read (nothing is sent). */
  readonly send: (entry: OutboxEntry) => Promise<SendOutcome | null>;
  /** The channel's health may have changed. */
  readonly onChange: () => void;
}

/** Exponential backoff with up to 20% jitter, so retries never fall into lockstep. */
export function backoffMs(failures: number, network: boolean, random: () => number): number {
  const base = network ? NETWORK_BASE_MS : BACKOFF_BASE_MS;
  const max = network ? NETWORK_MAX_MS : BACKOFF_MAX_MS;
  const plain = Math.min(max, base * 2 ** Math.max(0, failures - 1));
  return Math.round(plain * (1 + 0.2 * random()));
}

export class DeliveryWorker {
  readonly #deps: WorkerDeps;
  #cancelTimer: (() => void) | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  /** Connection failures in a row (they count no attempt, but still back off). */
  #networkFailures = 0;

  constructor(deps: WorkerDeps) {
    this.#deps = deps;
  }

  /** Something changed (a new entry, online again, settings): look at the queue now. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#running = this.#run()
      .catch((error: unknown) => {
        this.#deps.logger.error('channel delivery stopped on an error', {
          channel: this.#deps.channelId,
          error: messageOf(error),
        });
      })
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** Stops its timer and waits for a request in flight (bounded by the send timeout). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    await this.#running;
  }

  async #run(): Promise<void> {
    const { outbox, clock, channelId } = this.#deps;
    for (;;) {
      const channel = this.#deps.channel();
      if (this.#stopped || channel === null || !channel.enabled || !this.#deps.canSend()) return;
      if (outbox.record(channelId).failing !== null) return;
      const entry = outbox.queue(channelId)[0];
      if (!entry) return;
      const now = clock.now();
      if (now - entry.queuedAt > MAX_AGE_MS) {
        await this.#giveUp(entry, `An alert expired unsent: ${entry.lastError ?? 'never sent'}`);
        continue;
      }
      const at = Math.max(entry.notBefore, this.#deps.bucket.nextAt(now));
      if (at > now) {
        this.#cancelTimer = clock.setTimer(at - now, () => this.kick());
        return;
      }
      // Without its secrets nothing can go; the channel shows why, and the next kick looks again.
      if (!(await this.#deps.ready())) {
        this.#deps.onChange();
        return;
      }
      this.#deps.bucket.take(clock.now());
      await outbox.markSending(entry);
      const outcome = await this.#deps.send(entry);
      if (outcome === null) {
        // The secrets could not be read: nothing went out; try again when asked.
        await outbox.reschedule(entry, {
          notBefore: clock.now(),
          counted: false,
          network: false,
          reason: 'Its secrets could not be read from the keychain',
        });
        this.#deps.onChange();
        return;
      }
      await this.#settle(entry, outcome, channel.name);
      this.#deps.onChange();
    }
  }

  async #settle(entry: OutboxEntry, outcome: SendOutcome, name: string): Promise<void> {
    const { outbox, clock, logger, channelId } = this.#deps;
    const now = clock.now();
    const fields = { channel: name, alert: entry.alert.id };
    switch (outcome.type) {
      case 'delivered':
        this.#networkFailures = 0;
        if (outcome.pauseMs !== null) this.#deps.bucket.pauseUntil(now + outcome.pauseMs);
        await outbox.remove(entry);
        await outbox.setRecord(channelId, { lastDeliveredAt: now, warning: null });
        logger.info('alert delivered', { ...fields, delayMs: now - entry.queuedAt });
        return;
      case 'retry': {
        this.#networkFailures = outcome.network ? this.#networkFailures + 1 : 0;
        const attempts = entry.attempts + (outcome.counted ? 1 : 0);
        if (attempts >= MAX_ATTEMPTS) {
          await this.#giveUp(entry, `Gave up after ${attempts} attempts: ${outcome.reason}`);
          return;
        }
        const waitMs =
          outcome.afterMs ??
          backoffMs(
            outcome.network ? this.#networkFailures : attempts,
            outcome.network,
            this.#deps.random,
          );
        // A 429 speaks for the whole webhook, not just this message.
        if (outcome.afterMs !== null) this.#deps.bucket.pauseUntil(now + outcome.afterMs);
        await outbox.reschedule(entry, {
          notBefore: now + waitMs,
          counted: outcome.counted,
          network: outcome.network,
          reason: outcome.reason,
        });
        logger.warn('alert delivery will be retried', {
          ...fields,
          reason: outcome.reason,
          waitMs,
        });
        return;
      }
      case 'refused':
        this.#networkFailures = 0;
        // Kept for when the settings are fixed (then it goes, marked late), until it expires.
        await outbox.reschedule(entry, {
          notBefore: now,
          counted: false,
          network: false,
          reason: outcome.reason,
        });
        await outbox.setRecord(channelId, { failing: { reason: outcome.reason, since: now } });
        logger.warn('alert channel failing', { ...fields, reason: outcome.reason });
        return;
      case 'unknown':
        await this.#giveUp(entry, outcome.reason);
        return;
      default:
        return outcome satisfies never;
    }
  }

  async #giveUp(entry: OutboxEntry, reason: string): Promise<void> {
    const now = this.#deps.clock.now();
    await this.#deps.outbox.remove(entry);
    await this.#deps.outbox.setRecord(this.#deps.channelId, { warning: { reason, since: now } });
    this.#deps.logger.warn('alert delivery given up', { alert: entry.alert.id, reason });
  }
}
