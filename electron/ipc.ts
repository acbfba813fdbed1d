// The only file that touches ipcMain (lint enforces it): every channel of the core router is
// registered with ipcMain.handle, and the router checks the sender and the payload before any
// handler runs. Pushes go to the popover on one channel.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { IpcRouter } from '../core/app/ipc-router.js';
import { PUSH_EVENTS, type PushEvent, type PushEvents } from '../core/contract/channels.js';
import { PUSH_CHANNEL } from './ipc-channels.js';

/** Registers the router's channels; returns a function that removes them again. */
export function registerIpc(ipcMain: IpcMain, router: IpcRouter): () => void {
  for (const channel of router.channels) {
    // The event is the sender: the router hands it to the trust check (sender-trust.ts).
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) =>
      router.invoke(channel, payload, event),
    );
  }
  return () => {
    for (const channel of router.channels) ipcMain.removeHandler(channel);
  };
}

export interface PushSource {
  on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
}

/** Forwards every push event to the renderer `target()` names, while it is alive. */
export function forwardPushEvents(app: PushSource, target: () => WebContents | null): () => void {
  const offs = PUSH_EVENTS.map((event) =>
    app.on(event, (payload) => {
      const contents = target();
      if (contents !== null && !contents.isDestroyed()) contents.send(PUSH_CHANNEL, event, payload);
    }),
  );
  return () => {
    for (const off of offs) off();
  };
}
