// A channel as Settings and the tray see it: its settings, a masked hint of its secrets, and its
// health derived from the outbox (what waits, what failed) and the keychain (what is missing).
import type {
  ChannelHealthView,
  ChannelSecretHint,
  ChannelView,
} from '../contract/alert-channels.js';
import type { ChannelConfig } from '../contract/settings.js';
import type { ChannelSecretsCache } from './channel-secrets.js';
import type { Outbox } from './outbox.js';
import { secretHint } from './secret-parts.js';

function channelHealth(
  config: ChannelConfig,
  outbox: Outbox,
  secrets: ChannelSecretsCache,
): ChannelHealthView {
  const queue = outbox.queue(config.id);
  const record = outbox.record(config.id);
  const base = { lastDeliveredAt: record.lastDeliveredAt, pending: queue.length };
  if (!config.enabled) return { ...base, state: 'off', reason: null, since: null };
  const missing = secrets.problem(config.id);
  if (missing !== null) return { ...base, state: 'no-secret', reason: missing, since: null };
  if (record.failing) return { ...base, state: 'failing', ...record.failing };
  const head = queue[0];
  if (head?.lastError) {
    return { ...base, state: 'retrying', reason: head.lastError, since: head.queuedAt };
  }
  if (head) return { ...base, state: 'delivering', reason: null, since: null };
  if (record.warning) return { ...base, state: 'warning', ...record.warning };
  return { ...base, state: 'ready', reason: null, since: null };
}

export function channelView(
  config: ChannelConfig,
  outbox: Outbox,
  secrets: ChannelSecretsCache,
): ChannelView {
  const stored = secrets.peek(config.id);
  const hint: ChannelSecretHint | null = stored ? secretHint(stored) : null;
  return { config, hint, health: channelHealth(config, outbox, secrets) };
}

/** A failing channel as the tray tooltip names it. */
export interface ChannelProblemLine {
  readonly name: string;
  readonly reason: string;
}

/** Channels that need the user: refused by their service, or without their secrets. */
export function channelProblems(views: readonly ChannelView[]): ChannelProblemLine[] {
  return views
    .filter((v) => v.health.state === 'failing' || v.health.state === 'no-secret')
    .map((v) => ({ name: v.config.name, reason: v.health.reason ?? 'failing' }));
}
