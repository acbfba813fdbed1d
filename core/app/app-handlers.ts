// What each channel does, in terms of the app's own methods.
import { ChannelError } from '../channels/channel-service.js';
import { err, ok, type Result } from '../contract/result.js';
import type { HedgeFlowApp } from './hedgeflow-app.js';
import type { Handlers } from './ipc-router.js';

export function appHandlers(app: HedgeFlowApp): Handlers {
  return {
    'app:get-snapshot': async () => ok(app.snapshot()),
    'app:set-paused': async ({ paused }) => ok(app.setPaused(paused)),
    'settings:get': async () => ok(app.settings.current),
    'settings:update': async (patch) => {
      const result = await app.updateSettings(patch);
      return result.ok
        ? ok(result.value)
        : err({ code: 'settings', message: result.error, action: 'none' });
    },
    'key:set': async ({ key }) => {
      await app.setKey(key);
      return ok(app.keys.status);
    },
    'key:delete': async () => {
      await app.deleteKey();
      return ok(app.keys.status);
    },
    'account:refresh': async () => ok(await app.refreshAccount()),
    'symbol:detail': async ({ symbol }) => {
      const view = app.symbolViews().find((v) => v.symbol === symbol);
      if (!view)
        return err({
          code: 'not-found',
          message: `${symbol} is not in your list.`,
          action: 'open-settings',
        });
      return ok({ view, alerts: await app.archive.listAlerts({ symbol, limit: 200 }) });
    },
    'alerts:list': async (query) =>
      ok(
        await app.archive.listAlerts({
          ...(query?.symbol ? { symbol: query.symbol } : {}),
          limit: query?.limit ?? 500,
        }),
      ),
    'alerts:export-csv': async (query) =>
      ok(await app.archive.exportAlertsCsv(query?.symbol ? { symbol: query.symbol } : {})),
    'bars:export-csv': async ({ symbol, date }) =>
      ok(await app.archive.exportBarsCsv(symbol, date)),
    'alerts:snooze': async ({ symbol, duration }) => {
      const view = await app.snooze(symbol, duration);
      if (!view)
        return err({
          code: 'not-found',
          message: `${symbol} is not in your list.`,
          action: 'open-settings',
        });
      return ok(view);
    },
    'detector:preview': async (query) =>
      ok(
        await app.previewDetector({
          symbol: query.symbol,
          detector: query.detector,
          ...(query.date ? { date: query.date } : {}),
        }),
      ),
    'app:open-external': async ({ url }) => {
      await app.openExternal(url);
      return ok(null);
    },
    'update:get': async () => ok(app.updates.status),
    'channels:list': async () => ok(app.channels.views()),
    'channels:add': (request) => channelCall(() => app.channels.add(request)),
    'channels:update': (request) => channelCall(() => app.channels.update(request)),
    'channels:remove': ({ id }) => channelCall(() => app.channels.remove(id)),
    'channels:test': ({ id }) => channelCall(() => app.channels.test(id)),
    'alerts:scorecard': async () => ok(await app.scorecard()),
    'detector:preview-sessions': async ({ detector }) =>
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
