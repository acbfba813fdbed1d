// The durable outbox (docs/channels.md): every delivery waiting for a channel, and what each
// channel's health was, in one JSON file in the data folder, replaced atomically on every
// change. It stores the alert and the channel's id, never a request or a secret: the request is
// built at send time.
//
// At most once per channel per alert: an alert is accepted for a channel only once (its key is
// remembered for days), and a delivery is marked "sending" on disk before its request goes out.
// A crash between that mark and the answer leaves an entry marked "sending", which the next start
// drops instead of sending again: the one delivery in flight can be lost, never doubled.
import { z } from 'zod';
import { messageOf } from '../base/error-message.js';
import { AlertRecordSchema } from '../contract/detector.js';
import type { Logger } from '../ports/logger.js';
import type { FileStorage } from '../ports/storage.js';
import type { AlertRecord } from '../contract/detector.js';
import type { SourceKind } from '../contract/views.js';

export const OUTBOX_FILE = 'channel-outbox.json';
/** How long an accepted alert's key is remembered against a second delivery. */
const SEEN_FOR_MS = 3 * 24 * 60 * 60_000;

const ProblemSchema = z.object({ reason: z.string(), since: z.number() });

const EntrySchema = z.object({
  id: z.string(),
  channelId: z.string(),
  alert: AlertRecordSchema,
  source: z.enum(['demo', 'flashalpha']),
  queuedAt: z.number(),
  state: z.enum(['queued', 'sending']),
  /** Attempts the service answered with a failure (5xx, 429, 408). */
  attempts: z.number().int().min(0),
  notBefore: z.number(),
  /** The last attempt could not connect: the next one goes as soon as the network is back. */
  waitingForNetwork: z.boolean(),
  lastError: z.string().nullable(),
});
export type OutboxEntry = z.infer<typeof EntrySchema>;

const ChannelRecordSchema = z.object({
  /** The service refused the channel's settings: nothing is sent until they change. */
  failing: ProblemSchema.nullable(),
  /** An alert was given up (too many failures, unknown outcome, expired). */
  warning: ProblemSchema.nullable(),
  lastDeliveredAt: z.number().nullable(),
});
export type ChannelRecord = z.infer<typeof ChannelRecordSchema>;

const FileSchema = z.object({
  version: z.literal(1),
  entries: z.array(EntrySchema),
  /** "<channel id> <alert id>" -> when it was accepted */
  seen: z.record(z.string(), z.number()),
  channels: z.record(z.string(), ChannelRecordSchema),
});
type OutboxFile = z.infer<typeof FileSchema>;

const EMPTY_RECORD: ChannelRecord = { failing: null, warning: null, lastDeliveredAt: null };

export class Outbox {
  readonly #storage: FileStorage;
  readonly #logger: Logger;
  #state: OutboxFile;
  #writes: Promise<void> = Promise.resolve();

  constructor(storage: FileStorage, logger: Logger) {
    this.#storage = storage;
    this.#logger = logger;
    this.#state = { version: 1, entries: [], seen: {}, channels: {} };
  }

  /**
   * Loads the file. Deliveries a crash left "sending" are dropped (they may have arrived) and
   * returned, so their channels can say so.
   */
  async load(now: number): Promise<OutboxEntry[]> {
    try {
      const text = await this.#storage.read(OUTBOX_FILE);
      if (text !== null) {
        const parsed = FileSchema.safeParse(JSON.parse(text));
        if (parsed.success) this.#state = parsed.data;
        else await this.#setAside(now, parsed.error.issues[0]?.message ?? 'invalid');
      }
    } catch (error) {
      await this.#setAside(now, messageOf(error));
    }
    const state = this.#state;
    const interrupted = state.entries.filter((e) => e.state === 'sending');
    state.entries = state.entries.filter((e) => e.state !== 'sending');
    for (const [key, at] of Object.entries(state.seen)) {
      if (now - at > SEEN_FOR_MS) delete state.seen[key];
    }
    if (interrupted.length > 0) await this.#save();
    return interrupted;
  }

  /** A channel's waiting deliveries, oldest first. */
  queue(channelId: string): OutboxEntry[] {
    return this.#state.entries
      .filter((e) => e.channelId === channelId)
      .sort((a, b) => a.queuedAt - b.queuedAt);
  }

  record(channelId: string): ChannelRecord {
    return this.#state.channels[channelId] ?? EMPTY_RECORD;
  }

  /** Accepts an alert for a channel once; null when it was accepted before. */
  async enqueue(
    channelId: string,
    alert: AlertRecord,
    source: SourceKind,
    id: string,
    now: number,
  ): Promise<OutboxEntry | null> {
    const key = `${channelId} ${alert.id}`;
    if (this.#state.seen[key] !== undefined) return null;
    this.#state.seen[key] = now;
    const entry: OutboxEntry = {
      id,
      channelId,
      alert,
      source,
      queuedAt: now,
      state: 'queued',
      attempts: 0,
      notBefore: now,
      waitingForNetwork: false,
      lastError: null,
    };
    this.#state.entries.push(entry);
    await this.#save();
    return entry;
  }

  /** Written before the request goes out: after a crash, this delivery is never sent again. */
  async markSending(entry: OutboxEntry): Promise<void> {
    entry.state = 'sending';
    await this.#save();
  }

  /** Back in the queue after a failure that did not deliver it. */
  async reschedule(
    entry: OutboxEntry,
    change: { notBefore: number; counted: boolean; network: boolean; reason: string },
  ): Promise<void> {
    entry.state = 'queued';
    entry.notBefore = change.notBefore;
    entry.attempts += change.counted ? 1 : 0;
    entry.waitingForNetwork = change.network;
    entry.lastError = change.reason;
    await this.#save();
  }

  /** Delivered, given up, or expired: out of the queue for good. */
  async remove(entry: OutboxEntry): Promise<void> {
    this.#state.entries = this.#state.entries.filter((e) => e !== entry);
    await this.#save();
  }

  /** Drops what waits for a channel (switched off); `forget` drops its health too (removed). */
  async clearChannel(channelId: string, forget: boolean): Promise<void> {
    this.#state.entries = this.#state.entries.filter((e) => e.channelId !== channelId);
    if (forget) delete this.#state.channels[channelId];
    await this.#save();
  }

  async setRecord(channelId: string, change: Partial<ChannelRecord>): Promise<void> {
    this.#state.channels[channelId] = { ...this.record(channelId), ...change };
    await this.#save();
  }

  /** The network is back: whatever waited for it may go now. */
  wakeNetwork(now: number): void {
    for (const e of this.#state.entries) {
      if (e.waitingForNetwork && e.notBefore > now) e.notBefore = now;
    }
  }

  async #setAside(now: number, problem: string): Promise<void> {
    const aside = `channel-outbox.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}.json`;
    this.#logger.warn('channel outbox unreadable; starting empty', { problem, keptAs: aside });
    await this.#storage.rename(OUTBOX_FILE, aside).catch(() => undefined);
  }

  /** Queued writes of the state as it is when each runs: never out of order, never torn. */
  #save(): Promise<void> {
    const write = this.#writes.then(() =>
      this.#storage.writeAtomic(OUTBOX_FILE, JSON.stringify(this.#state)),
    );
    this.#writes = write.catch(() => {});
    return write.catch((error: unknown) => {
      // Delivery goes on from memory; only a restart before the next good write could lose it.
      this.#logger.warn('channel outbox not saved', {
        error: messageOf(error),
      });
    });
  }
}
