// `window.hedgeflow`: the contract table's verbs as named functions, plus `on` for its push
// events. The Electron preload and the Playwright harness build it with the same factory, each
// with its own transport; nothing here is written per verb.
import {
  contract,
  pushEvents,
  type Contract,
  type InvokeChannel,
  type PushEvent,
} from './channels.js';
import type { AlertRecord } from './detector.js';
import type { BridgeOf, PushTable, Unsubscribe, VerbTable } from './verbs.js';

export interface BridgeTransport<C extends string = InvokeChannel, E extends string = PushEvent> {
  invoke(channel: C, payload: unknown): Promise<unknown>;
  subscribe(event: E, listener: (payload: unknown) => void): Unsubscribe;
}

/** The popover's API: one method per verb of the contract (channels.ts), and `on`. */
export type HedgeflowApi = BridgeOf<Contract, typeof pushEvents>;

/**
 * A bridge over any table. Each method sends its payload as given (undefined when the verb takes
 * none) on its verb's channel and hands main's Result back untouched: main validates, answers
 * with errors as values, and never throws across IPC.
 */
export function bridgeFor<T extends VerbTable, P extends PushTable>(
  table: T,
  _pushes: P,
  transport: BridgeTransport<T[keyof T]['channel'] & string, keyof P & string>,
): BridgeOf<T, P> {
  const api: Record<string, unknown> = {};
  for (const [name, { channel }] of Object.entries(table) as [string, T[keyof T]][]) {
    api[name] = (payload?: unknown) => transport.invoke(channel, payload);
  }
  api.on = (event: keyof P & string, listener: (payload: unknown) => void) =>
    transport.subscribe(event, listener);
  // The one unchecked step: the loop above builds exactly the mapped type's members
  // (test/unit/core/contract/contract.test.ts proves it, verb by verb and at the type level).
  return api as BridgeOf<T, P>;
}

export function createBridge(transport: BridgeTransport): HedgeflowApi {
  return bridgeFor(contract, pushEvents, transport);
}

export type { AlertRecord };
