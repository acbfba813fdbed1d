// The one IPC channel that is not in the core contract: main -> renderer pushes, each carrying
// (event name, payload) of PushEvents. Shared by ipc.ts and the preload.
export const PUSH_CHANNEL = 'hedgeflow:push';
