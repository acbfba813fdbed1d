// The popover's preload: `window.hedgeflow`, the contract's named verbs over IPC. Sandboxed, so
// it is bundled to CommonJS (vite.preload.config.ts) and may only require 'electron'. The
// renderer never sees ipcRenderer or a channel name.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../core/contract/bridge.js';
import { isPushEvent, type PushEvent } from '../core/contract/channels.js';
import { PUSH_CHANNEL } from './ipc-channels.js';

type Listener = (payload: unknown) => void;

const listeners = new Map<PushEvent, Set<Listener>>();

// One IPC listener for every subscription; subscribing only adds to a set. Only the contract's
// push events are delivered.
ipcRenderer.on(PUSH_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (!isPushEvent(name)) return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

contextBridge.exposeInMainWorld(
  'hedgeflow',
  createBridge({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    subscribe: (event, listener) => {
      let set = listeners.get(event);
      if (set === undefined) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  }),
);
