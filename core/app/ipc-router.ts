// The IPC handler map as plain core code. electron/ipc.ts registers it with ipcMain; the e2e
// harness registers the same router with Playwright. Every payload arrives as `unknown` and is
// validated against its channel's schema; every sender is checked; every answer is a Result.
import { messageOf } from '../base/error-message.js';
import {
  invokeSchemas,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponses,
} from '../contract/channels.js';
import { err, ok, type Result } from '../contract/result.js';
import type { ErrorView } from '../contract/views.js';
import type { Logger } from '../ports/logger.js';
import { SecretStoreUnavailableError } from '../ports/secret-store.js';
import { toErrorView } from './error-view.js';

export type Handlers = {
  readonly [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<Result<InvokeResponses[C]>>;
};

export interface IpcRouter {
  invoke(channel: string, payload: unknown, sender: unknown): Promise<Result<unknown>>;
  readonly channels: readonly InvokeChannel[];
}

export interface RouterOptions {
  /** True only for senders that are windows this process created, showing our own page. */
  readonly isTrustedSender: (sender: unknown) => boolean;
  readonly logger: Logger;
  readonly now: () => number;
}

const rejected = (message: string): ErrorView => ({ code: 'bad-request', message, action: 'none' });

function isChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(invokeSchemas, channel);
}

export function createIpcRouter(handlers: Handlers, options: RouterOptions): IpcRouter {
  return {
    channels: Object.keys(invokeSchemas) as InvokeChannel[],
    async invoke(channel, payload, sender) {
      if (!options.isTrustedSender(sender)) {
        options.logger.warn('ipc: rejected a call from an untrusted sender', { channel });
        return err(rejected('This window may not call HedgeFlow.'));
      }
      if (!isChannel(channel)) return err(rejected(`Unknown call '${channel}'.`));
      const parsed = invokeSchemas[channel].safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        return err(rejected(`${where}${issue?.message ?? 'invalid request'}`));
      }
      try {
        const handler = handlers[channel] as (request: unknown) => Promise<Result<unknown>>;
        return await handler(parsed.data);
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

export { ok, err };
