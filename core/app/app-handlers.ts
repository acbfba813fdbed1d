// What each channel does, in terms of the app's own methods.
import { err, ok } from '../contract/result.js';
import type { HedgeFlowApp } from './hedgeflow-app.js';
import type { Handlers } from './ipc-router.js';

export function appHandlers(app: HedgeFlowApp): Handlers {
  return {
    'app:get-snapshot': async () => ok(app.snapshot()),
    'app:set-paused': async ({ paused }) => ok(app.setPaused(paused)),
    'settings:get': async () => ok(app.settings.current),
    'settings:update': async (patch) => {
      const result = await app.updateSettings(patch);
      return result.ok ? ok(result.settings) : err({ code: 'settings', message: result.message, action: 'none' });
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
      if (!view) return err({ code: 'not-found', message: `${symbol} is not in your list.`, action: 'open-settings' });
      return ok({ view, alerts: app.alerts().filter((a) => a.symbol === symbol) });
    },
    'alerts:list': async (query) => {
      const all = app.alerts().filter((a) => !query?.symbol || a.symbol === query.symbol);
      return ok(all.slice(-(query?.limit ?? 500)));
    },
    'alerts:export-csv': async () => err({ code: 'internal', message: 'not wired yet', action: 'none' }),
    'alerts:snooze': async () => err({ code: 'internal', message: 'not wired yet', action: 'none' }),
    'detector:preview': async () => err({ code: 'internal', message: 'not wired yet', action: 'none' }),
    'app:open-external': async ({ url }) => {
      await app.openExternal(url);
      return ok(null);
    },
  };
}
