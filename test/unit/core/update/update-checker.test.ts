// The update notice's schedule and silence, against a scripted GitHub on a manual clock: at start
// and every 12 h, later after a failure (an hour, or when GitHub's rate limit resets), nothing
// at all with no repository or with the setting off, and never an error for the user.
import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../../core/contract/views.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { createLogger } from '../../../../core/log/logger.js';
import {
  TransportError,
  type HttpRequest,
  type HttpResponse,
} from '../../../../core/ports/http.js';
import {
  CHECK_INTERVAL_MS,
  RETRY_INTERVAL_MS,
  UpdateChecker,
} from '../../../../core/update/update-checker.js';

const HOUR = 3_600_000;
const START = Date.parse('2026-06-05T14:30:00Z');
const REPO = { owner: 'hedgeflow-app', name: 'hedgeflow' };
const API = 'https://api.example.test';

type Answer = HttpResponse | TransportError;

function response(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    header: (name) => lower.get(name.toLowerCase()) ?? null,
    text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

const release = (tag: string, etag = `"${tag}"`): HttpResponse =>
  response(200, { tag_name: tag, draft: false, prerelease: false, html_url: 'ignored' }, { etag });

function world(options: { repository?: typeof REPO | null; version?: string } = {}) {
  const clock = new ManualClock(START);
  const requests: HttpRequest[] = [];
  const changes: UpdateStatus[] = [];
  const logs: string[] = [];
  /** The next answers, in order; the last one repeats. */
  let script: Answer[] = [release('v0.2.0')];
  const checker = new UpdateChecker({
    http: async (request) => {
      requests.push(request);
      const answer = script.length > 1 ? script.shift()! : script[0]!;
      if (answer instanceof TransportError) throw answer;
      return answer;
    },
    clock,
    logger: createLogger((line) => logs.push(line), { level: 'debug', now: () => clock.now() }),
    currentVersion: options.version ?? '0.1.0',
    repository: options.repository === undefined ? REPO : options.repository,
    apiBase: API,
    onChange: (status) => changes.push(status),
  });
  return {
    clock,
    requests,
    changes,
    logs,
    checker,
    answer(...next: Answer[]) {
      script = next;
    },
    /** Lets a check that is under way finish. */
    async settle() {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    },
    /** Moves the clock, letting every check it starts finish. */
    async advance(ms: number) {
      const target = clock.now() + ms;
      for (;;) {
        const next = clock.nextTimerAt();
        if (next === null || next > target) break;
        clock.advanceTo(next);
        await this.settle();
      }
      clock.advanceTo(target);
    },
  };
}

const AVAILABLE = {
  available: {
    version: '0.2.0',
    url: 'https://github.com/hedgeflow-app/hedgeflow/releases/tag/v0.2.0',
  },
};

describe('with no repository in package.json', () => {
  it('never makes a request, however long it runs', async () => {
    const w = world({ repository: null });
    w.checker.setEnabled(true);
    await w.settle();
    await w.advance(7 * 24 * HOUR);
    w.checker.nudge();
    await w.settle();
    expect(w.requests).toEqual([]);
    expect(w.changes).toEqual([]);
    expect(w.checker.status).toEqual({ available: null });
    expect(w.clock.pendingTimers).toBe(0);
    expect(w.logs.join('\n')).toMatch(/update check off: package.json names no GitHub repository/);
  });
});

describe('a check', () => {
  it("asks GitHub's API for the repository's latest release, without credentials", async () => {
    const w = world();
    w.checker.setEnabled(true);
    await w.settle();
    expect(w.requests).toHaveLength(1);
    const [request] = w.requests;
    expect(request!.url).toBe(`${API}/repos/hedgeflow-app/hedgeflow/releases/latest`);
    expect(request!.headers).toMatchObject({
      Accept: 'application/vnd.github+json',
      'User-Agent': 'HedgeFlow/0.1.0',
    });
    expect(Object.keys(request!.headers).map((h) => h.toLowerCase())).not.toContain(
      'authorization',
    );
  });

  it('offers a newer version with its release page', async () => {
    const w = world();
    w.checker.setEnabled(true);
    await w.settle();
    expect(w.checker.status).toEqual(AVAILABLE);
    expect(w.changes).toEqual([AVAILABLE]);
  });

  it('offers nothing when the latest release is this version or older', async () => {
    for (const tag of ['v0.1.0', 'v0.0.9']) {
      const w = world();
      w.answer(release(tag));
      w.checker.setEnabled(true);
      await w.settle();
      expect(w.checker.status).toEqual({ available: null });
      expect(w.changes).toEqual([]);
    }
  });

  it('ignores a prerelease or a draft, even if GitHub sent one', async () => {
    const w = world();
    w.answer(
      response(200, { tag_name: 'v0.3.0', draft: false, prerelease: true }),
      response(200, { tag_name: 'v0.3.0', draft: true, prerelease: false }),
      response(200, { tag_name: 'v0.3.0-beta.1', draft: false, prerelease: false }),
    );
    w.checker.setEnabled(true);
    await w.settle();
    await w.advance(2 * CHECK_INTERVAL_MS);
    expect(w.requests).toHaveLength(3);
    expect(w.changes).toEqual([]);
  });

  it('hides the notice once the running version has caught up (404: no release left)', async () => {
    const w = world();
    w.answer(release('v0.2.0'), response(404, { message: 'Not Found' }));
    w.checker.setEnabled(true);
    await w.settle();
    await w.advance(CHECK_INTERVAL_MS);
    expect(w.changes).toEqual([AVAILABLE, { available: null }]);
  });
});

describe('the schedule', () => {
  it('checks at start and every 12 hours after', async () => {
    const w = world();
    w.checker.setEnabled(true);
    await w.settle();
    await w.advance(CHECK_INTERVAL_MS - 1);
    expect(w.requests).toHaveLength(1);
    await w.advance(1);
    expect(w.requests).toHaveLength(2);
    await w.advance(3 * CHECK_INTERVAL_MS);
    expect(w.requests).toHaveLength(5);
  });

  it('asks conditionally with the last ETag, and a 304 keeps the notice', async () => {
    const w = world();
    w.answer(release('v0.2.0', '"abc"'), response(304, ''));
    w.checker.setEnabled(true);
    await w.settle();
    await w.advance(CHECK_INTERVAL_MS);
    expect(w.requests[1]!.headers['If-None-Match']).toBe('"abc"');
    expect(w.checker.status).toEqual(AVAILABLE);
    expect(w.changes).toEqual([AVAILABLE]);
  });

  it('checks at once after a wake or a reconnect when a check fell due meanwhile', async () => {
    const w = world();
    w.checker.setEnabled(true);
    await w.settle();
    w.checker.nudge(); // not due yet
    await w.settle();
    expect(w.requests).toHaveLength(1);
    w.clock.jump(CHECK_INTERVAL_MS + HOUR); // asleep: no timer fired
    w.checker.nudge();
    await w.settle();
    expect(w.requests).toHaveLength(2);
    // And the next is 12 h after that check, not after the missed one.
    await w.advance(CHECK_INTERVAL_MS - 1);
    expect(w.requests).toHaveLength(2);
    await w.advance(1);
    expect(w.requests).toHaveLength(3);
  });
});

describe('silence when no check can be made', () => {
  it.each([
    ['offline', new TransportError('network', 'could not reach api.example.test: ENOTFOUND')],
    ['a timeout', new TransportError('timeout', 'no answer from api.example.test in time')],
    ['a server error', response(502, 'Bad Gateway')],
    ['a broken answer', response(200, '{"tag_name": "v9')],
    ['an answer that is not a release', response(200, { message: 'hello' })],
  ])('%s: keeps what it knew, says nothing, tries again in an hour', async (_name, failure) => {
    const w = world();
    w.answer(release('v0.2.0'), failure, release('v0.2.0'));
    w.checker.setEnabled(true);
    await w.settle();
    await w.advance(CHECK_INTERVAL_MS);
    expect(w.requests).toHaveLength(2);
    expect(w.checker.status).toEqual(AVAILABLE);
    expect(w.changes).toEqual([AVAILABLE]);
    await w.advance(RETRY_INTERVAL_MS - 1);
    expect(w.requests).toHaveLength(2);
    await w.advance(1);
    expect(w.requests).toHaveLength(3);
  });

  it("rate limited: waits for GitHub's reset when that is later than an hour", async () => {
    const w = world();
    const resetAt = START + 3 * HOUR;
    w.answer(
      response(
        403,
        { message: 'API rate limit exceeded' },
        {
          'x-ratelimit-limit': '60',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(resetAt / 1000),
        },
      ),
      release('v0.2.0'),
    );
    w.checker.setEnabled(true);
    await w.settle();
    expect(w.changes).toEqual([]);
    await w.advance(3 * HOUR - 1);
    expect(w.requests).toHaveLength(1);
    await w.advance(1);
    expect(w.requests).toHaveLength(2);
    expect(w.checker.status).toEqual(AVAILABLE);
  });

  it("rate limited with Retry-After (GitHub's secondary limit): at least an hour", async () => {
    const w = world();
    w.answer(response(429, { message: 'slow down' }, { 'retry-after': '60' }), release('v0.2.0'));
    w.checker.setEnabled(true);
    await w.settle();
    await w.advance(RETRY_INTERVAL_MS - 1);
    expect(w.requests).toHaveLength(1);
    await w.advance(1);
    expect(w.requests).toHaveLength(2);
  });
});

describe('off in settings', () => {
  it('makes no request while off', async () => {
    const w = world();
    w.checker.setEnabled(false);
    await w.advance(3 * CHECK_INTERVAL_MS);
    expect(w.requests).toEqual([]);
  });

  it('turning it off hides the notice and stops the schedule; on again checks at once', async () => {
    const w = world();
    w.checker.setEnabled(true);
    await w.settle();
    w.checker.setEnabled(false);
    expect(w.checker.status).toEqual({ available: null });
    expect(w.changes).toEqual([AVAILABLE, { available: null }]);
    expect(w.clock.pendingTimers).toBe(0);
    await w.advance(3 * CHECK_INTERVAL_MS);
    expect(w.requests).toHaveLength(1);
    w.checker.setEnabled(true);
    await w.settle();
    expect(w.requests).toHaveLength(2);
    expect(w.checker.status).toEqual(AVAILABLE);
  });

  it('drops the answer of a check that was under way when it was turned off', async () => {
    const w = world();
    let release1: () => void = () => {};
    const held = new Promise<void>((resolve) => (release1 = resolve));
    const clock = new ManualClock(START);
    const changes: UpdateStatus[] = [];
    let aborted = false;
    const checker = new UpdateChecker({
      http: async (request) => {
        request.signal?.addEventListener('abort', () => (aborted = true));
        await held;
        return release('v0.2.0');
      },
      clock,
      logger: createLogger(() => {}),
      currentVersion: '0.1.0',
      repository: REPO,
      apiBase: API,
      onChange: (status) => changes.push(status),
    });
    checker.setEnabled(true);
    await w.settle();
    checker.setEnabled(false);
    expect(aborted).toBe(true);
    release1();
    await w.settle();
    expect(changes).toEqual([]);
    expect(checker.status).toEqual({ available: null });
    expect(clock.pendingTimers).toBe(0);
  });
});
