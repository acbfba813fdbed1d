// Demo data and FlashAlpha data never mix: each source has its own lane of market time, stored
// history, alert state and quota. Simulated bars must not feed the detector's reference distribution
// of real sessions, demo alerts must not fill the real alert history, and a replayed demo day
// must not be silenced by a live day's alert state (or the other way round), and the demo's
// unlimited simulated plan must not stand in for the key's figures, nor count against them.
import { latestSession } from '../../calendar/index.js';
import type { AlertRecord } from '../contract/detector.js';
import type { Settings } from '../contract/settings.js';
import type { SourceKind } from '../contract/views.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Notifier } from '../ports/notifier.js';
import type { FileStorage } from '../ports/storage.js';
import { OutcomeTracker } from '../outcomes/tracker.js';
import { QuotaTracker } from '../plan/quota.js';
import { AlertPipeline } from './alert-pipeline.js';
import { AppArchive } from './app-archive.js';
import { demoClock } from './demo-clock.js';
import { messageOf } from '../base/error-message.js';

export interface Lane {
  readonly kind: SourceKind;
  /** Server-side time: the clock, or the demo's (possibly replayed) session time. */
  readonly market: Clock;
  readonly archive: AppArchive;
  /** Detector + alert engine: as long-lived as the app, so no rebuild re-fires an episode. */
  readonly pipeline: AlertPipeline;
  /** Fills in alerts' outcomes as later bars arrive (docs/scorecard.md). */
  readonly outcomes: OutcomeTracker;
  /**
   * The source's quota and account figures, kept on the lane's market clock: as long-lived as
   * the app, so a rebuild (settings, key, source) does not forget today's requests.
   */
  readonly quota: QuotaTracker;
}

export interface LaneDeps {
  readonly clock: Clock;
  readonly storage: FileStorage;
  readonly logger: Logger;
  readonly notifier: Notifier;
  readonly settings: () => Settings;
  /** Every alert the lane fires, after it is in history. */
  readonly onAlert: (alert: AlertRecord) => void;
  /** Queues an alert for the alert channels, saying which source's data it rests on. */
  readonly deliver?: (alert: AlertRecord, source: SourceKind) => Promise<void>;
  /** An alert already announced whose outcomes changed (after it is in history). */
  readonly onAlertUpdate?: (alert: AlertRecord) => void;
}

/** The demo lane's files live under this folder of the data directory. */
const DEMO_DIR = 'demo';

export async function openLane(kind: SourceKind, deps: LaneDeps): Promise<Lane> {
  const storage = kind === 'demo' ? prefixedStorage(deps.storage, `${DEMO_DIR}/`) : deps.storage;
  const market = kind === 'demo' ? demoClock(deps.clock) : deps.clock;
  const archive = new AppArchive({
    storage,
    logger: deps.logger,
    barSize: () => deps.settings().barSize,
    sessionDate: () => latestSession(market.now()).date,
  });
  const deliver = deps.deliver;
  const outcomes = new OutcomeTracker({
    history: archive.history,
    logger: deps.logger,
    now: () => market.now(),
    barSize: () => deps.settings().barSize,
    onUpdate: (alert) => deps.onAlertUpdate?.(alert),
  });
  try {
    await outcomes.load(deps.settings().scorecardSessions);
  } catch (error) {
    // Outcomes are filled in later from what arrives; history that cannot be read is logged.
    deps.logger.warn('alert outcomes not loaded', {
      error: messageOf(error),
    });
  }
  const pipeline = await AlertPipeline.load({
    storage,
    notifier: deps.notifier,
    logger: deps.logger,
    settings: deps.settings,
    now: () => market.now(),
    recordAlert: async (alert) => {
      await archive.recordAlert(alert);
      deps.onAlert(alert);
    },
    referenceBars: (symbol, beforeDate) => archive.referenceBars(symbol, beforeDate),
    ...(deliver ? { deliver: (alert: AlertRecord) => deliver(alert, kind) } : {}),
    outcomes,
  });
  return { kind, market, archive, pipeline, outcomes, quota: new QuotaTracker() };
}

/** The same files, one folder down. */
function prefixedStorage(storage: FileStorage, prefix: string): FileStorage {
  const p = (path: string): string => `${prefix}${path}`;
  return {
    read: (path) => storage.read(p(path)),
    writeAtomic: (path, text) => storage.writeAtomic(p(path), text),
    append: (path, text) => storage.append(p(path), text),
    list: (dir) => storage.list(dir === '' || dir === '.' ? prefix.replace(/\/$/, '') : p(dir)),
    remove: (path) => storage.remove(p(path)),
    rename: (from, to) => storage.rename(p(from), p(to)),
  };
}
