// One request for the repository's latest release, through the HttpTransport port, and what its
// answer means. Never throws: an update check that cannot be made is not an error the user
// sees (offline, rate-limited, GitHub down: the next check is simply later).
import { parseRateLimit, parseRetryAfter } from '../api/rate-limit.js';
import { messageOf } from '../base/error-message.js';
import type { HttpTransport } from '../ports/http.js';
import type { GitHubRepository } from './github-repository.js';
import { GitHubReleaseSchema, type GitHubRelease } from './release-version.js';

export const GITHUB_API = 'https://api.github.com';
const TIMEOUT_MS = 15_000;

export type ReleaseAnswer =
  /** GitHub's latest release (never a draft or a prerelease: that endpoint skips them). */
  | { readonly kind: 'release'; readonly release: GitHubRelease; readonly etag: string | null }
  /** 304: the same release as last time (a conditional request costs no rate limit). */
  | { readonly kind: 'unchanged' }
  /** 404: the repository has no published release (or is not public). */
  | { readonly kind: 'none' }
  /** No usable answer; try again, not before `retryAt` when GitHub said when. */
  | { readonly kind: 'unavailable'; readonly reason: string; readonly retryAt: number | null };

export interface ReleaseRequest {
  readonly http: HttpTransport;
  readonly apiBase: string;
  readonly repository: GitHubRepository;
  readonly currentVersion: string;
  /** The ETag of the last release seen: GitHub answers 304 when it has not changed. */
  readonly etag: string | null;
  readonly now: () => number;
  readonly signal: AbortSignal;
}

function latestReleaseUrl(apiBase: string, repository: GitHubRepository): string {
  const base = apiBase.replace(/\/+$/, '');
  return `${base}/repos/${repository.owner}/${repository.name}/releases/latest`;
}

export async function requestLatestRelease(request: ReleaseRequest): Promise<ReleaseAnswer> {
  const headers: Record<string, string> = {
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
    // GitHub refuses API requests without a User-Agent.
    'User-Agent': `HedgeFlow/${request.currentVersion}`,
  };
  if (request.etag !== null) headers['If-None-Match'] = request.etag;
  try {
    const response = await request.http({
      url: latestReleaseUrl(request.apiBase, request.repository),
      headers,
      timeoutMs: TIMEOUT_MS,
      signal: request.signal,
    });
    const { status } = response;
    if (status === 304) return { kind: 'unchanged' };
    if (status === 404) return { kind: 'none' };
    if (status === 403 || status === 429) {
      // GitHub's rate limit (60 an hour per address without a token), or a secondary limit.
      const now = request.now();
      const rateLimit = parseRateLimit((name) => response.header(name));
      const retryAfter = parseRetryAfter(response.header('retry-after'), now);
      const retryAt = retryAfter !== null ? now + retryAfter : (rateLimit?.resetAt ?? null);
      return { kind: 'unavailable', reason: `rate limited (HTTP ${status})`, retryAt };
    }
    if (status !== 200) return { kind: 'unavailable', reason: `HTTP ${status}`, retryAt: null };
    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch {
      return { kind: 'unavailable', reason: 'the answer was not JSON', retryAt: null };
    }
    const parsed = GitHubReleaseSchema.safeParse(body);
    if (!parsed.success) {
      return { kind: 'unavailable', reason: 'the answer was not a release', retryAt: null };
    }
    return { kind: 'release', release: parsed.data, etag: response.header('etag') };
  } catch (error) {
    // TransportError (offline, timeout, cancelled) or a body that broke off.
    const reason = messageOf(error);
    return { kind: 'unavailable', reason, retryAt: null };
  }
}
