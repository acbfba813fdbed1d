// The alert channels (docs/channels.md): add, edit, remove and test them, and hand every alert
// the engine decided on to each enabled channel that wants it, through the durable outbox and
// one delivery worker per channel. Lives as long as the app.
import { messageOf } from '../base/error-message.js';
import {
  ChannelSecretsSchema,
  type ChannelAdd,
  type ChannelSecrets,
  type ChannelSecretsPatch,
  type ChannelTestResult,
  type ChannelUpdate,
  type ChannelView,
} from '../contract/alert-channels.js';
import type { AlertRecord } from '../contract/detector.js';
import { ChannelConfigSchema, type ChannelConfig } from '../contract/settings.js';
import type { SourceKind } from '../contract/views.js';
import type { Clock } from '../ports/clock.js';
import type { HttpTransport } from '../ports/http.js';
import type { Logger } from '../ports/logger.js';
import type { KeyedSecretStore } from '../ports/secret-store.js';
import type { FileStorage } from '../ports/storage.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { ChannelSecretsCache } from './channel-secrets.js';
import { SEND_TIMEOUT_MS, sendOnce, type SenderDeps } from './channel-sender.js';
import { channelProblems, channelView, type ChannelProblemLine } from './channel-views.js';
import { DeliveryWorker } from './delivery-worker.js';
import type { DeliveryPayload } from './delivery.js';
import { SERVICE_ENDPOINTS, secretsProblem, type ChannelEndpoints } from './endpoints.js';
import { Outbox } from './outbox.js';
import type { SendOutcome } from './outcome.js';
import { SERVICE_RATES, TokenBucket } from './rate-limit.js';

/** A refusal the user can act on; its message is shown as is. */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';
}

export interface ChannelServiceDeps {
  readonly clock: Clock;
  readonly http: HttpTransport;
  readonly storage: FileStorage;
  readonly logger: Logger;
  /** Registers a secret with the logger's redaction. */
  readonly redact: (secret: string) => void;
  /** The keychain's per-channel entries; null where there is none. */
  readonly secrets: KeyedSecretStore | null;
  readonly settings: SettingsStore;
  /** Only tests point services elsewhere (loopback receivers). */
  readonly endpoints?: Partial<ChannelEndpoints> | undefined;
  readonly random?: () => number;
  readonly timeoutMs?: number;
}

interface Slot {
  readonly worker: DeliveryWorker;
  readonly bucket: TokenBucket;
}

export class ChannelService {
  readonly #deps: ChannelServiceDeps;
  readonly #outbox: Outbox;
  readonly #secrets: ChannelSecretsCache;
  readonly #sender: SenderDeps;
  readonly #slots = new Map<string, Slot>();
  readonly #listeners = new Set<() => void>();
  #online = true;
  #started = false;

  constructor(deps: ChannelServiceDeps) {
    this.#deps = deps;
    this.#outbox = new Outbox(deps.storage, deps.logger);
    this.#secrets = new ChannelSecretsCache(deps.secrets, deps.redact, () => deps.clock.now());
    this.#sender = {
      http: deps.http,
      endpoints: { ...SERVICE_ENDPOINTS, ...deps.endpoints },
      timeoutMs: deps.timeoutMs ?? SEND_TIMEOUT_MS,
      now: () => deps.clock.now(),
    };
  }

  /** Reads the outbox and every channel's secrets (so redaction covers them before any log). */
  async load(): Promise<void> {
    const now = this.#deps.clock.now();
    for (const entry of await this.#outbox.load(now)) {
      const reason =
        'HedgeFlow stopped while an alert was being sent; it may have arrived, so it is not sent again';
      await this.#outbox.setRecord(entry.channelId, { warning: { reason, since: now } });
      this.#deps.logger.warn('alert delivery interrupted; not resent', { alert: entry.alert.id });
    }
    for (const c of this.#channels()) await this.#secrets.get(c.id);
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  views(): ChannelView[] {
    return this.#channels().map((c) => channelView(c, this.#outbox, this.#secrets));
  }

  /** Failing channels, for the tray tooltip. */
  problems(): ChannelProblemLine[] {
    return channelProblems(this.views());
  }

  start(): void {
    this.#started = true;
    for (const c of this.#channels()) this.#slot(c).worker.kick();
  }

  async stop(): Promise<void> {
    this.#started = false;
    const slots = [...this.#slots.values()];
    this.#slots.clear();
    await Promise.all(slots.map((s) => s.worker.stop()));
  }

  setOnline(online: boolean): void {
    if (this.#online === online) return;
    this.#online = online;
    if (!online) return;
    this.#outbox.wakeNetwork(this.#deps.clock.now());
    for (const s of this.#slots.values()) s.worker.kick();
  }

  /** One decision, several deliveries: queue the alert for every channel that wants it. */
  async deliver(alert: AlertRecord, source: SourceKind): Promise<void> {
    const now = this.#deps.clock.now();
    let queued = false;
    for (const c of this.#channels()) {
      if (!c.enabled || !c.kinds.includes(alert.kind)) continue;
      if (c.symbols.length > 0 && !c.symbols.includes(alert.symbol)) continue;
      const entry = await this.#outbox.enqueue(c.id, alert, source, crypto.randomUUID(), now);
      if (entry) this.#slot(c).worker.kick();
      queued ||= entry !== null;
    }
    if (queued) this.#changed();
  }

  async add(request: ChannelAdd): Promise<ChannelView> {
    const config = this.#parseConfig({ ...request.config, id: newChannelId() });
    const secrets = this.#parseSecrets(request.secrets);
    await this.#secrets.put(config.id, secrets);
    const saved = await this.#deps.settings.setChannels([...this.#channels(), config]);
    if (!saved.ok) {
      await this.#secrets.remove(config.id).catch(() => undefined);
      throw new ChannelError(saved.error);
    }
    this.#deps.logger.info('alert channel added', { channel: config.name, kind: config.kind });
    this.#slot(config).worker.kick();
    return this.#viewAndNotify(config.id);
  }

  async update(request: ChannelUpdate): Promise<ChannelView> {
    const current = this.#find(request.id);
    const config = this.#parseConfig({ ...request.config, id: current.id });
    if (config.kind !== current.kind) {
      throw new ChannelError("A channel's kind cannot change; add a new channel instead.");
    }
    if (request.secrets) {
      const stored = await this.#secrets.get(current.id);
      await this.#secrets.put(current.id, this.#patchSecrets(stored, request.secrets));
    }
    const list = this.#channels().map((c) => (c.id === current.id ? config : c));
    const saved = await this.#deps.settings.setChannels(list);
    if (!saved.ok) throw new ChannelError(saved.error);
    // Edited settings deserve another try; switched off, nothing waits for it.
    if (!config.enabled) await this.#outbox.clearChannel(config.id, false);
    else await this.#outbox.setRecord(config.id, { failing: null, warning: null });
    this.#slot(config).worker.kick();
    return this.#viewAndNotify(config.id);
  }

  async remove(id: string): Promise<ChannelView[]> {
    const current = this.#find(id);
    const saved = await this.#deps.settings.setChannels(
      this.#channels().filter((c) => c.id !== id),
    );
    if (!saved.ok) throw new ChannelError(saved.error);
    const slot = this.#slots.get(id);
    this.#slots.delete(id);
    await slot?.worker.stop();
    await this.#outbox.clearChannel(id, true);
    await this.#secrets.remove(id).catch((error: unknown) => {
      this.#deps.logger.warn('channel secrets not removed from the keychain', {
        channel: current.name,
        error: messageOf(error),
      });
    });
    this.#changed();
    return this.views();
  }

  /** Sends a clearly marked test alert now (not through the outbox) and says how it went. */
  async test(id: string): Promise<ChannelTestResult> {
    const config = this.#find(id);
    const now = this.#deps.clock.now();
    const secrets = await this.#secrets.get(id);
    if (secrets === null) {
      return { ok: false, message: this.#secrets.problem(id) ?? 'No secrets stored', at: now };
    }
    const bucket = this.#slot(config).bucket;
    const waitMs = bucket.nextAt(now) - now;
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      return { ok: false, message: `Rate limit: try again in ${seconds} s.`, at: now };
    }
    bucket.take(now);
    const outcome = await this.#send(config, secrets, { type: 'test' }, crypto.randomUUID(), now);
    return this.#testResult(config, outcome);
  }

  async #testResult(config: ChannelConfig, outcome: SendOutcome): Promise<ChannelTestResult> {
    const at = this.#deps.clock.now();
    switch (outcome.type) {
      case 'delivered':
        // A channel that works again delivers what it held back.
        await this.#outbox.setRecord(config.id, { failing: null, warning: null });
        this.#slot(config).worker.kick();
        this.#changed();
        return { ok: true, message: 'Test alert delivered.', at };
      case 'refused':
        await this.#outbox.setRecord(config.id, { failing: { reason: outcome.reason, since: at } });
        this.#changed();
        return { ok: false, message: outcome.reason, at };
      case 'retry':
      case 'unknown':
        return { ok: false, message: outcome.reason, at };
      default:
        return outcome satisfies never;
    }
  }

  #send(
    config: ChannelConfig,
    secrets: ChannelSecrets,
    payload: DeliveryPayload,
    deliveryId: string,
    queuedAt: number,
  ): Promise<SendOutcome> {
    const context = {
      deliveryId,
      channelName: config.name,
      queuedAt,
      sentAt: this.#deps.clock.now(),
    };
    return sendOnce(
      this.#sender,
      config,
      secrets,
      this.#secrets.strings(config.id),
      payload,
      context,
    );
  }

  #slot(config: ChannelConfig): Slot {
    let slot = this.#slots.get(config.id);
    if (slot) return slot;
    const now = this.#deps.clock.now();
    const bucket = new TokenBucket(SERVICE_RATES[config.kind], now);
    const worker = new DeliveryWorker({
      channelId: config.id,
      clock: this.#deps.clock,
      outbox: this.#outbox,
      bucket,
      logger: this.#deps.logger,
      random: this.#deps.random ?? Math.random,
      channel: () => this.#channels().find((c) => c.id === config.id) ?? null,
      canSend: () => this.#started && this.#online,
      ready: async () => (await this.#secrets.get(config.id)) !== null,
      send: async (entry) => {
        const current = this.#channels().find((c) => c.id === config.id);
        const secrets = await this.#secrets.get(config.id);
        if (!current || secrets === null) return null;
        const payload = { type: 'alert', alert: entry.alert, source: entry.source } as const;
        return this.#send(current, secrets, payload, entry.id, entry.queuedAt);
      },
      onChange: () => this.#changed(),
    });
    slot = { worker, bucket };
    this.#slots.set(config.id, slot);
    return slot;
  }

  #channels(): readonly ChannelConfig[] {
    return this.#deps.settings.current.channels;
  }

  #find(id: string): ChannelConfig {
    const found = this.#channels().find((c) => c.id === id);
    if (!found) throw new ChannelError('That channel no longer exists.');
    return found;
  }

  #parseConfig(input: unknown): ChannelConfig {
    const parsed = ChannelConfigSchema.safeParse(input);
    if (!parsed.success) throw new ChannelError(firstIssue(parsed.error));
    return parsed.data;
  }

  #parseSecrets(input: unknown): ChannelSecrets {
    const parsed = ChannelSecretsSchema.safeParse(input);
    if (!parsed.success) throw new ChannelError(firstIssue(parsed.error));
    const problem = secretsProblem(parsed.data, this.#sender.endpoints);
    if (problem !== null) throw new ChannelError(problem);
    return parsed.data;
  }

  /** Absent keeps, a value replaces, null removes an optional secret. */
  #patchSecrets(stored: ChannelSecrets | null, patch: ChannelSecretsPatch): ChannelSecrets {
    const base: Record<string, unknown> = stored?.kind === patch.kind ? { ...stored } : {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete base[key];
      else if (value !== undefined) base[key] = value;
    }
    if (stored === null && Object.keys(base).length <= 1) {
      throw new ChannelError('The stored secrets could not be read; paste them again.');
    }
    return this.#parseSecrets(base);
  }

  #viewAndNotify(id: string): ChannelView {
    this.#changed();
    return channelView(this.#find(id), this.#outbox, this.#secrets);
  }

  #changed(): void {
    for (const l of this.#listeners) l();
  }
}

function newChannelId(): string {
  return `ch-${crypto.randomUUID().replaceAll('-', '')}`;
}

function firstIssue(error: {
  issues: readonly { path: PropertyKey[]; message: string }[];
}): string {
  const issue = error.issues[0];
  return issue?.message ?? 'invalid';
}
