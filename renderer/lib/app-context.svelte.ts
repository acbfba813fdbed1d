// The renderer's state, built once from the bridge and handed to components through a typed
// context: small classes with one responsibility each, no god store.
import { createContext } from 'svelte';
import type { HedgeflowApi } from '../../core/contract/bridge.js';
import { AlertsState } from './alerts-state.svelte.js';
import { AppClock } from './app-clock.svelte.js';
import { ChannelsState } from './channels-state.svelte.js';
import { LiveState } from './live-state.svelte.js';
import { Navigation } from './navigation.svelte.js';
import { OsPreferences } from './os-preferences.svelte.js';
import { SettingsState } from './settings-state.svelte.js';
import { UpdateState } from './update-state.svelte.js';

export interface AppContext {
  readonly api: HedgeflowApi;
  readonly clock: AppClock;
  readonly live: LiveState;
  readonly alerts: AlertsState;
  readonly settings: SettingsState;
  readonly channels: ChannelsState;
  readonly nav: Navigation;
  readonly os: OsPreferences;
  readonly update: UpdateState;
}

export function createAppContext(api: HedgeflowApi): AppContext {
  const clock = new AppClock();
  return {
    api,
    clock,
    live: new LiveState(api, clock),
    alerts: new AlertsState(api),
    settings: new SettingsState(api),
    channels: new ChannelsState(api),
    nav: new Navigation(),
    os: new OsPreferences(),
    update: new UpdateState(api),
  };
}

export const [useApp, provideApp] = createContext<AppContext>();
