// What each verb of the contract does, in terms of the app's own methods. The Handlers type
// demands one per verb: a verb added to the table without its handler fails to compile here.
import { ChannelError } from '../channels/channel-service.js';
import { err, ok, type Result } from '../contract/result.js';
import type { HedgeFlowApp } from './hedgeflow-app.js';
import type { Handlers } from './ipc-router.js';

export function appHandlers(app: HedgeFlowApp): Handlers {
  return {
    getSnapshot: async () => ok(app.snapshot()),
    setPaused: async ({ paused }) => ok(app.setPaused(paused)),
    dismissNotice: async () => ok(app.dismissNotice()),
    getSettings: async () => ok(app.settings.current),
    updateSettings: async (patch) => {
      const result = await app.updateSettings(patch);
      return result.ok
        ? ok(result.value)
        : err({ code: 'settings', message: result.error, action: 'none' });
    },
    setApiKey: async ({ key }) => {
      await app.setKey(key);
      return ok(app.keys.status);
    },
    deleteApiKey: async () => {
      await app.deleteKey();
      return ok(app.keys.status);
    },
    refreshAccount: async () => ok(await app.refreshAccount()),
    getDetail: async ({ symbol }) => {
      const view = app.symbolViews().find((v) => v.symbol === symbol);
      if (!view)
        return err({
          code: 'not-found',
          message: `${symbol} is not in your list.`,
          action: 'open-settings',
        });
      return ok({ view, alerts: await app.archive.listAlerts({ symbol, limit: 200 }) });
    },
    listAlerts: async (query) =>
      ok(
        await app.archive.listAlerts({
          ...(query?.symbol ? { symbol: query.symbol } : {}),
          limit: query?.limit ?? 500,
        }),
      ),
    exportAlertsCsv: async (query) =>
      ok(await app.archive.exportAlertsCsv(query?.symbol ? { symbol: query.symbol } : {})),
    exportBarsCsv: async ({ symbol, date }) => ok(await app.archive.exportBarsCsv(symbol, date)),
    snooze: async ({ symbol, duration }) => {
      const view = await app.snooze(symbol, duration);
      if (!view)
        return err({
          code: 'not-found',
          message: `${symbol} is not in your list.`,
          action: 'open-settings',
        });
      return ok(view);
    },
    previewDetector: async (query) =>
      ok(
        await app.previewDetector({
          symbol: query.symbol,
          detector: query.detector,
          ...(query.date ? { date: query.date } : {}),
        }),
      ),
    openExternal: async ({ url }) => {
      await app.openExternal(url);
      return ok(null);
    },
    getUpdate: async () => ok(app.updates.status),
    listChannels: async () => ok(app.channels.views()),
    addChannel: (request) => channelCall(() => app.channels.add(request)),
    updateChannel: (request) => channelCall(() => app.channels.update(request)),
    removeChannel: ({ id }) => channelCall(() => app.channels.remove(id)),
    testChannel: ({ id }) => channelCall(() => app.channels.test(id)),
    getScorecard: async () => ok(await app.scorecard()),
    previewDetectorSessions: async ({ detector }) =>
      ok(await app.previewDetectorSessions(detector)),
  };
}

/** A channel refusal is the user's to fix, shown beside the form; anything else is the router's. */
async function channelCall<T>(call: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await call());
  } catch (error) {
    if (error instanceof ChannelError) {
      return err({ code: 'bad-request', message: error.message, action: 'none' });
    }
    throw error;
  }
}
