// Injected into the page before any of its scripts: builds `window.hedgeflow` with the same
// factory the Electron preload uses, over Playwright's binding (invoke) and page.evaluate (push).
import { createBridge } from '../../../core/contract/bridge.js';
import type { PushEvent } from '../../../core/contract/channels.js';

interface HarnessWindow {
  __hedgeflowInvoke(channel: string, payload: unknown): Promise<unknown>;
  __hedgeflowPush(event: string, payload: unknown): void;
  /** How many push listeners the page holds now (a leak check for tests). */
  __hedgeflowListenerCount(): number;
}

const w = window as unknown as HarnessWindow;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

w.__hedgeflowPush = (event, payload) => {
  for (const l of listeners.get(event) ?? []) l(payload);
};
w.__hedgeflowListenerCount = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

const api = createBridge({
  invoke: (channel, payload) => w.__hedgeflowInvoke(channel, payload),
  subscribe: (event: PushEvent, listener) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  },
});

Object.defineProperty(window, 'hedgeflow', {
  value: Object.freeze(api),
  writable: false,
  configurable: false,
});
