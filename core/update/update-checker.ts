// The update notice's schedule and state: one check at start and every 12 hours, an hour after
// a check that could not be made (offline, rate-limited, GitHub down), and right away when the
// machine wakes or the network returns with a check overdue. Checks are silent: the user only
// ever sees a newer version, never a failed check. Off in settings, or with no repository in
// package.json, nothing is requested at all. Nothing is installed: the notice links to the
// release page (unsigned builds cannot update themselves on macOS). docs/updates.md.
import type { UpdateStatus, UpdateView } from '../contract/views.js';
import type { Clock } from '../ports/clock.js';
import type { HttpTransport } from '../ports/http.js';
import type { Logger } from '../ports/logger.js';
import { releasePageUrl, type GitHubRepository } from './github-repository.js';
import { GITHUB_API, requestLatestRelease, type ReleaseAnswer } from './release-request.js';
import { isNewer, releaseVersion, type GitHubRelease } from './release-version.js';

export const CHECK_INTERVAL_MS = 12 * 60 * 60_000;
export const RETRY_INTERVAL_MS = 60 * 60_000;

export interface UpdateCheckerOptions {
  readonly http: HttpTransport;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The running app's version (package.json's, as Electron reports it). */
  readonly currentVersion: string;
  /** From package.json's `repository`; null: the check is off for good. */
  readonly repository: GitHubRepository | null;
  /** GitHub's REST API; only tests point it elsewhere (a loopback server). */
  readonly apiBase?: string;
  readonly onChange: (status: UpdateStatus) => void;
}

export class UpdateChecker {
  readonly #options: UpdateCheckerOptions;
  #enabled = false;
  #available: UpdateView | null = null;
  /** The last release GitHub sent and its ETag, for conditional requests. */
  #last: { readonly release: GitHubRelease; readonly etag: string } | null = null;
  #cancelTimer: (() => void) | null = null;
  #abort: AbortController | null = null;
  /** Bumped whenever checks are cancelled, so a late answer is dropped. */
  #generation = 0;
  /** When the next check is due (clock time), while one is scheduled. */
  #dueAt: number | null = null;

  constructor(options: UpdateCheckerOptions) {
    this.#options = options;
  }

  get status(): UpdateStatus {
    return { available: this.#available };
  }

  /** The setting; turning it on checks at once, turning it off cancels and hides the notice. */
  setEnabled(enabled: boolean): void {
    if (enabled === this.#enabled) return;
    this.#enabled = enabled;
    if (!enabled) {
      this.#cancel();
      this.#setAvailable(null);
      return;
    }
    if (this.#options.repository === null) {
      this.#options.logger.info('update check off: package.json names no GitHub repository');
      return;
    }
    this.#run();
  }

  /** The machine woke or came back online: a check that fell due meanwhile runs now. */
  nudge(): void {
    if (!this.#enabled || this.#dueAt === null) return;
    if (this.#options.clock.now() < this.#dueAt) return;
    this.#cancel();
    this.#run();
  }

  stop(): void {
    this.#enabled = false;
    this.#cancel();
  }

  #run(): void {
    const repository = this.#options.repository;
    if (repository === null) return;
    const generation = ++this.#generation;
    const abort = new AbortController();
    this.#abort = abort;
    // Fire-and-forget: #check never throws, and a cancelled run's answer is dropped below.
    void this.#check(repository, abort.signal).then((delay) => {
      if (generation !== this.#generation) return;
      this.#abort = null;
      this.#schedule(delay);
    });
  }

  /** One check; returns when to check next. */
  async #check(repository: GitHubRepository, signal: AbortSignal): Promise<number> {
    const { clock } = this.#options;
    const answer = await requestLatestRelease({
      http: this.#options.http,
      apiBase: this.#options.apiBase ?? GITHUB_API,
      repository,
      currentVersion: this.#options.currentVersion,
      etag: this.#last?.etag ?? null,
      now: () => clock.now(),
      signal,
    });
    if (signal.aborted) return CHECK_INTERVAL_MS;
    return this.#apply(repository, answer);
  }

  #apply(repository: GitHubRepository, answer: ReleaseAnswer): number {
    const { logger, clock } = this.#options;
    switch (answer.kind) {
      case 'release': {
        this.#last = answer.etag === null ? null : { release: answer.release, etag: answer.etag };
        this.#offer(repository, answer.release);
        return CHECK_INTERVAL_MS;
      }
      case 'unchanged':
        if (this.#last !== null) this.#offer(repository, this.#last.release);
        return CHECK_INTERVAL_MS;
      case 'none':
        logger.info('update check: the repository has no published release');
        this.#setAvailable(null);
        return CHECK_INTERVAL_MS;
      case 'unavailable': {
        const wait = answer.retryAt === null ? 0 : answer.retryAt - clock.now();
        const delay = Math.min(CHECK_INTERVAL_MS, Math.max(RETRY_INTERVAL_MS, wait));
        // Silent for the user: what was known stays shown, and the next try is later.
        logger.info('update check: no answer, trying again later', {
          reason: answer.reason,
          inMinutes: Math.round(delay / 60_000),
        });
        return delay;
      }
    }
  }

  #offer(repository: GitHubRepository, release: GitHubRelease): void {
    const version = releaseVersion(release);
    if (version === null) {
      this.#options.logger.warn('update check: the latest release is not a version', {
        tag: release.tag_name,
      });
      this.#setAvailable(null);
      return;
    }
    const newer = isNewer(version, this.#options.currentVersion);
    this.#setAvailable(
      newer ? { version, url: releasePageUrl(repository, release.tag_name) } : null,
    );
  }

  #schedule(delay: number): void {
    if (!this.#enabled) return;
    this.#dueAt = this.#options.clock.now() + delay;
    this.#cancelTimer = this.#options.clock.setTimer(delay, () => {
      this.#cancelTimer = null;
      this.#dueAt = null;
      this.#run();
    });
  }

  #cancel(): void {
    this.#generation++;
    this.#abort?.abort();
    this.#abort = null;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#dueAt = null;
  }

  #setAvailable(next: UpdateView | null): void {
    const prev = this.#available;
    if (prev?.version === next?.version && prev?.url === next?.url) return;
    this.#available = next;
    if (next !== null) this.#options.logger.info('a newer HedgeFlow is available', { ...next });
    this.#options.onChange(this.status);
  }
}

/** What the composition root knows about the running app: its version and its repository. */
export type UpdateSource = Pick<UpdateCheckerOptions, 'currentVersion' | 'repository' | 'apiBase'>;

/** The app's checker: its ports, and `source` when it has one (none: it never checks). */
export function updateCheckerFor(
  deps: Pick<UpdateCheckerOptions, 'http' | 'clock' | 'logger'> & {
    readonly updates?: UpdateSource;
  },
  onChange: (status: UpdateStatus) => void,
): UpdateChecker {
  const source = deps.updates ?? { currentVersion: '0.0.0', repository: null };
  return new UpdateChecker({
    ...source,
    http: deps.http,
    clock: deps.clock,
    logger: deps.logger,
    onChange,
  });
}
