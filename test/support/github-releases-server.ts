// A stand-in for GitHub's REST API on loopback, serving what the update check reads:
// GET /repos/{owner}/{repo}/releases/latest -> the newest release that is neither a draft nor
// a prerelease (GitHub's own rule for that endpoint), or 404 when there is none. It sends an
// ETag and answers 304 to a matching If-None-Match, as GitHub does, and can be made to rate-limit,
// fail, delay or break its answers. Every request is recorded.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRelease {
  readonly tag_name: string;
  readonly draft?: boolean;
  readonly prerelease?: boolean;
}

type ReleasesFault =
  | { readonly kind: 'rate-limit'; readonly resetAt: number }
  | { readonly kind: 'retry-after'; readonly seconds: number }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'reset' };

interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface ReleasesServer {
  /** e.g. http://127.0.0.1:41234 (the API base the checker is given). */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The repository's releases, newest first, as the API lists them. */
  releases: FakeRelease[];
  /** The next answers fail this way, until set back to null. */
  fault: ReleasesFault | null;
  /** Milliseconds each answer is held back (real time). */
  latencyMs: number;
  close(): Promise<void>;
}

export async function startReleasesServer(options: {
  readonly owner: string;
  readonly repo: string;
  readonly releases?: FakeRelease[];
}): Promise<ReleasesServer> {
  const latestPath = `/repos/${options.owner}/${options.repo}/releases/latest`;
  const state: Omit<ReleasesServer, 'url' | 'close'> = {
    requests: [],
    releases: options.releases ?? [],
    fault: null,
    latencyMs: 0,
  };
  const server = createServer((req, res) => {
    state.requests.push({ path: req.url ?? '', headers: req.headers });
    // Decided on arrival: a test that changes the fault meanwhile changes the next request.
    const fault = state.fault;
    const answer = (): void => {
      const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      if (fault !== null) {
        switch (fault.kind) {
          case 'rate-limit':
            return json(
              403,
              { message: 'API rate limit exceeded for 127.0.0.1.' },
              {
                'x-ratelimit-limit': '60',
                'x-ratelimit-remaining': '0',
                'x-ratelimit-reset': String(Math.floor(fault.resetAt / 1000)),
              },
            );
          case 'retry-after':
            return json(
              429,
              { message: 'secondary rate limit' },
              { 'retry-after': String(fault.seconds) },
            );
          case 'status':
            return json(fault.status, { message: 'Server Error' });
          case 'garbage':
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end('{"tag_name": "v9.9');
            return;
          case 'reset':
            req.socket.destroy();
            return;
        }
      }
      if (req.method !== 'GET' || req.url !== latestPath) {
        return json(404, { message: 'Not Found' });
      }
      const latest = state.releases.find((r) => !r.draft && !r.prerelease);
      if (latest === undefined) return json(404, { message: 'Not Found' });
      const etag = `"${Buffer.from(latest.tag_name).toString('hex')}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      json(
        200,
        {
          tag_name: latest.tag_name,
          name: `HedgeFlow ${latest.tag_name}`,
          draft: false,
          prerelease: false,
          html_url: `https://github.com/${options.owner}/${options.repo}/releases/tag/${latest.tag_name}`,
          published_at: '2026-06-01T12:00:00Z',
        },
        { etag },
      );
    };
    if (state.latencyMs > 0) setTimeout(answer, state.latencyMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  });
}
