// The IPC handler map as plain core code. electron/ipc.ts registers it with ipcMain; the e2e
// harness registers the same router with Playwright. Every payload arrives as `unknown` and is
// validated against its verb's schema; every sender is checked; every answer is a Result. The
// channel list, the schema lookup and the handler map's type all come from the contract table.
import { contract, type Contract, type InvokeChannel } from '../contract/channels.js';
import { err, type Result } from '../contract/result.js';
import { channelsOf, type HandlersOf, type Verb, type VerbTable } from '../contract/verbs.js';
import type { ErrorView } from '../contract/views.js';
import type { Logger } from '../ports/logger.js';
import { SecretStoreUnavailableError } from '../ports/secret-store.js';
import { toErrorView } from './error-view.js';
import { messageOf } from '../base/error-message.js';

/** One handler per verb of the contract, each given its validated payload. */
export type Handlers = HandlersOf<Contract>;

export interface IpcRouter<C extends string = InvokeChannel> {
  invoke(channel: string, payload: unknown, sender: unknown): Promise<Result<unknown>>;
  readonly channels: readonly C[];
}

export interface RouterOptions {
  /** True only for senders that are windows this process created, showing our own page. */
  readonly isTrustedSender: (sender: unknown) => boolean;
  readonly logger: Logger;
  readonly now: () => number;
}

const rejected = (message: string): ErrorView => ({ code: 'bad-request', message, action: 'none' });

type AnyHandler = (request: unknown) => Promise<Result<unknown>>;

/** A router over any table (the app's is `createIpcRouter`); throws if two verbs share a channel. */
export function routerFor<T extends VerbTable>(
  table: T,
  handlers: HandlersOf<T>,
  options: RouterOptions,
): IpcRouter<T[keyof T]['channel'] & string> {
  const channels = channelsOf(table) as (T[keyof T]['channel'] & string)[];
  const byChannel = new Map<string, { verb: Verb; handler: AnyHandler }>();
  for (const [name, verb] of Object.entries(table) as [string, Verb][]) {
    const handler = (handlers as unknown as Record<string, AnyHandler | undefined>)[name];
    // The type demands every handler; this guards a caller that cast its way past it.
    if (typeof handler !== 'function') throw new Error(`IPC verb '${name}' has no handler`);
    byChannel.set(verb.channel, { verb, handler });
  }
  return {
    channels,
    async invoke(channel, payload, sender) {
      if (!options.isTrustedSender(sender)) {
        options.logger.warn('ipc: rejected a call from an untrusted sender', { channel });
        return err(rejected('This window may not call HedgeFlow.'));
      }
      const route = byChannel.get(channel);
      if (route === undefined) return err(rejected(`Unknown call '${channel}'.`));
      const parsed = route.verb.payload.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        return err(rejected(`${where}${issue?.message ?? 'invalid request'}`));
      }
      try {
        return await route.handler(parsed.data);
      } catch (error) {
        if (error instanceof SecretStoreUnavailableError) {
          return err({ code: 'keychain', message: error.message, action: 'none' });
        }
        options.logger.error('ipc: handler failed', {
          channel,
          error: messageOf(error),
        });
        return err(toErrorView(error, options.now()));
      }
    },
  };
}

export function createIpcRouter(handlers: Handlers, options: RouterOptions): IpcRouter {
  return routerFor(contract, handlers, options);
}
