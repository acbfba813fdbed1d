// Hooks for the Playwright `_electron` tests (test/e2e/electron). main.ts loads this module only
// when the app runs unpackaged AND HEDGEFLOW_E2E=1, and electron-builder.yml leaves it out of
// app.asar, so an installed app has neither the hooks nor the code behind them.
//
//   HEDGEFLOW_E2E_USER_DATA  a throw-away userData folder (set before the single-instance lock)
//   HEDGEFLOW_E2E_CLOCK      START@SPEED, e.g. 2026-06-05T10:30:00-04:00@120: a fast market
//   HEDGEFLOW_E2E_SEED       the simulator's seed (default: the day's)
//   HEDGEFLOW_E2E_REPOSITORY the GitHub repository the update notice follows (owner/name)
//   HEDGEFLOW_E2E_GITHUB_API the API base it asks (a loopback stand-in for GitHub)
import { parseClockSpec, scaledClock } from '../core/clock/scaled-clock.js';
import { MemoryKeyedSecretStore } from '../core/fakes/memory-keyed-secret-store.js';
import { MemorySecretStore } from '../core/fakes/memory-secret-store.js';
import { RecordingNotifier } from '../core/fakes/recording-notifier.js';
import type { Clock } from '../core/ports/clock.js';
import type { NotificationRequest, Notifier } from '../core/ports/notifier.js';
import type { KeyedSecretStore, SecretStore } from '../core/ports/secret-store.js';
import { parseGitHubRepository, type GitHubRepository } from '../core/update/github-repository.js';
import type { TrayModel } from './tray-model.js';

export const E2E_GLOBAL = '__hedgeflowE2E';

export interface E2eConfig {
  readonly clock: Clock | null;
  readonly seed: number | null;
  /** Never the user's keychain in a test. */
  readonly secrets: SecretStore;
  /** Stand-ins for package.json's repository and GitHub's API; null: the app's own. */
  readonly updates: {
    readonly repository: GitHubRepository | null;
    readonly apiBase: string | null;
  };
  readonly channelSecrets: KeyedSecretStore;
}

export function e2eConfig(env: NodeJS.ProcessEnv): E2eConfig {
  let clock: Clock | null = null;
  if (env.HEDGEFLOW_E2E_CLOCK) {
    const { startMs, speed } = parseClockSpec(env.HEDGEFLOW_E2E_CLOCK);
    clock = scaledClock(startMs, speed);
  }
  const seed = env.HEDGEFLOW_E2E_SEED ? Number(env.HEDGEFLOW_E2E_SEED) : null;
  return {
    clock,
    seed: seed !== null && Number.isInteger(seed) ? seed : null,
    secrets: new MemorySecretStore(),
    updates: {
      repository: env.HEDGEFLOW_E2E_REPOSITORY
        ? parseGitHubRepository(env.HEDGEFLOW_E2E_REPOSITORY)
        : null,
      apiBase: env.HEDGEFLOW_E2E_GITHUB_API || null,
    },
    channelSecrets: new MemoryKeyedSecretStore(),
  };
}

/** Records every notification and still shows it, so the real adapter runs too. */
export function recordingNotifier(inner: Notifier): RecordingNotifier {
  const recorder = new RecordingNotifier();
  recorder.onNotify((request) => inner.notify(request));
  return recorder;
}

/** What the tests read and do through `electronApp.evaluate(() => globalThis.__hedgeflowE2E)`. */
export interface E2eHooks {
  tray(): (TrayModel & { readonly iconPath: string }) | null;
  notifications(): readonly NotificationRequest[];
  /** Sends a notification down the app's own path (recorder, then the native notifier). */
  notify(request: NotificationRequest): void;
  showPopover(): void;
  popoverVisible(): boolean;
  /** What a click on a notification does. */
  clickNotification(symbol: string): void;
}

export function installE2eHooks(hooks: E2eHooks): void {
  Object.assign(globalThis, { [E2E_GLOBAL]: hooks });
}
