// The source in use and its poll loop. Which source the settings and the key select (FlashAlpha,
// or demo data and why), the lane it runs on (market time, history, alert state and quota: one
// per source, they never mix), and a fresh poll loop on that lane whenever the settings, the key
// or the source change; the loop is the one path to the key's quota and account figures
// (docs/architecture.md, "Quota and account: one owner").
import type { Settings } from '../contract/settings.js';
import type { DemoReason, QuotaView, SourceKind, SymbolView } from '../contract/views.js';
import type { Clock } from '../ports/clock.js';
import type { HttpTransport } from '../ports/http.js';
import type { Logger } from '../ports/logger.js';
import type { FlowSource } from '../source/flow-source.js';
import type { InProcessSimulator } from '../source/sim-transport.js';
import { demoSource, flashAlphaSource } from '../source/sources.js';
import type { KeyManager } from './key-manager.js';
import { PollLoop } from './poll-loop.js';
import type { AnsweredRequest } from './poll-request.js';
import type { Lane } from './source-lanes.js';

export type SourceChoice =
  { readonly kind: 'flashalpha' } | { readonly kind: 'demo'; readonly reason: DemoReason };

/** FlashAlpha when the user wants it and a key is stored in a keychain that works; else demo. */
function chooseSource(
  settings: Settings,
  keys: Pick<KeyManager, 'key' | 'keychain'>,
): SourceChoice {
  if (settings.source === 'demo') return { kind: 'demo', reason: 'user-choice' };
  if (!keys.keychain.available) return { kind: 'demo', reason: 'keychain-unavailable' };
  if (!keys.key) return { kind: 'demo', reason: 'no-key' };
  return { kind: 'flashalpha' };
}

export interface ActiveSourceDeps {
  readonly clock: Clock;
  readonly http: HttpTransport;
  readonly logger: Logger;
  /** The in-process simulator behind demo mode, made on first use. */
  readonly createSimulator: () => InProcessSimulator;
  readonly settings: () => Settings;
  readonly keys: KeyManager;
  readonly lanes: Readonly<Record<SourceKind, Lane>>;
  readonly onSymbol: (view: SymbolView) => void;
  /** An error that stops every symbol (bad key, plan too low, quota spent); null clears it. */
  readonly onAppError: (error: unknown) => void;
  /** After every poll cycle. */
  readonly onCycle: () => void;
  readonly onAnswer?: (answer: AnsweredRequest) => void;
}

export class ActiveSource {
  readonly #deps: ActiveSourceDeps;
  #loop: PollLoop | null = null;
  #simulator: InProcessSimulator | null = null;

  constructor(deps: ActiveSourceDeps) {
    this.#deps = deps;
  }

  get choice(): SourceChoice {
    return chooseSource(this.#deps.settings(), this.#deps.keys);
  }

  /** The lane of the source in use. */
  get lane(): Lane {
    return this.#deps.lanes[this.choice.kind];
  }

  /** The running loop; null before `restart` and after `stop`. */
  get loop(): PollLoop | null {
    return this.#loop;
  }

  /** Settings, key or source changed: a fresh loop on the selected lane (history stays). */
  restart(paused: boolean): void {
    this.#stopLoop();
    const { clock, logger, onAnswer } = this.#deps;
    const lane = this.lane;
    this.#loop = new PollLoop({
      source: this.#build(),
      settings: this.#deps.settings(),
      clock,
      logger,
      paused,
      pipeline: lane.pipeline,
      quota: lane.quota,
      recorder: lane.archive.recorder,
      days: lane.archive.days,
      marketClock: lane.market,
      onSymbol: this.#deps.onSymbol,
      onAppError: this.#deps.onAppError,
      onCycle: this.#deps.onCycle,
      ...(onAnswer ? { onAnswer } : {}),
    });
    this.#loop.start();
  }

  /** No loop until the next `restart`; resolves once the old one has stopped. */
  async stop(): Promise<void> {
    const old = this.#loop;
    this.#loop = null;
    await old?.stop();
  }

  /**
   * Fresh plan and quota figures, through the loop's own account step (counted once, its
   * headers heard once, an upgrade lifting the tier block). Null on demo data, or with no loop.
   */
  async refreshAccount(): Promise<QuotaView | null> {
    const loop = this.#loop;
    if (loop === null || this.choice.kind === 'demo') return null;
    await loop.refreshAccount();
    return this.quota();
  }

  /** The key's quota and account figures; null on demo data (the simulator's are not the key's). */
  quota(): QuotaView | null {
    if (this.choice.kind === 'demo') return null;
    const { quota, market } = this.#deps.lanes.flashalpha;
    return quota.view(market.now());
  }

  /** Another key (or none): what the server said of the old one is not known of the new one. */
  keyChanged(): void {
    this.#deps.lanes.flashalpha.quota.forgetAccount();
  }

  #stopLoop(): void {
    const old = this.#loop;
    this.#loop = null;
    if (old) void old.stop(); // fire-and-forget: the old loop only cancels its timers
  }

  #build(): FlowSource {
    const { clock, http, logger, keys } = this.#deps;
    if (this.choice.kind === 'demo') {
      this.#simulator ??= this.#deps.createSimulator();
      // The simulator must see the same (replayed) market time as the poll loop.
      const market = this.#deps.lanes.demo.market;
      return demoSource(this.#simulator, () => market.now(), logger);
    }
    return flashAlphaSource({
      baseUrl: this.#deps.settings().baseUrl,
      apiKey: () => keys.key,
      transport: http,
      now: () => clock.now(),
      logger,
    });
  }
}
