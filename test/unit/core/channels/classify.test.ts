// How a service's answer (or the lack of one) becomes retry, refused, unknown or delivered, and
// the reason a trader sees: only an answer or a connection never made proves nothing arrived.
import { describe, expect, it } from 'vitest';
import {
  classifyError,
  classifyResponse,
  cleanDetail,
} from '../../../../core/channels/classify.js';
import {
  bodyRetryAfter,
  MAX_WAIT_MS,
  parseRetryAfter,
} from '../../../../core/channels/retry-after.js';
import { TransportError, type HttpResponse } from '../../../../core/ports/http.js';

const NOW = Date.parse('2026-06-05T14:00:00Z');
const ctx = (kind: 'webhook' | 'discord' | 'slack' | 'telegram' | 'ntfy' = 'discord') => ({
  kind,
  service: kind === 'discord' ? 'Discord' : 'hooks.example.com',
  secrets: ['https://discord.com/api/webhooks/1/SECRETTOKEN123456', 'SECRETTOKEN123456'],
  now: NOW,
  timeoutMs: 10_000,
});

function response(status: number, body = '', headers: Record<string, string> = {}): HttpResponse {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, header: (n) => lower.get(n.toLowerCase()) ?? null, text: async () => body };
}

describe('Retry-After', () => {
  it('reads seconds (Discord sends fractions) and HTTP dates, and ignores garbage', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7_000);
    expect(parseRetryAfter('0.64', NOW)).toBe(640);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('-3', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('86400', NOW)).toBe(MAX_WAIT_MS);
  });

  it("reads Discord's retry_after and Telegram's parameters.retry_after from the body", () => {
    expect(bodyRetryAfter({ message: 'rate limited', retry_after: 1.25 })).toBe(1_250);
    expect(bodyRetryAfter({ ok: false, parameters: { retry_after: 3 } })).toBe(3_000);
    expect(bodyRetryAfter({ retry_after: 'x' })).toBeNull();
    expect(bodyRetryAfter(null)).toBeNull();
  });
});

describe('a service answer', () => {
  it('2xx is delivered; a spent Discord bucket pauses the channel until its reset', async () => {
    expect(await classifyResponse(response(204), ctx())).toEqual({
      type: 'delivered',
      pauseMs: null,
    });
    expect(
      await classifyResponse(
        response(200, '', { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset-After': '2.5' }),
        ctx(),
      ),
    ).toEqual({ type: 'delivered', pauseMs: 2_500 });
  });

  it.each([408, 429, 500, 502, 503, 504])(
    '%d is retried and counts as an attempt',
    async (status) => {
      const outcome = await classifyResponse(response(status), ctx());
      expect(outcome).toMatchObject({
        type: 'retry',
        counted: true,
        network: false,
        afterMs: null,
      });
    },
  );

  it('a 429 or 503 waits what the service asked, the body before the header', async () => {
    const body = JSON.stringify({ retry_after: 0.5 });
    expect(
      await classifyResponse(response(429, body, { 'Retry-After': '9' }), ctx()),
    ).toMatchObject({ type: 'retry', afterMs: 500 });
    expect(await classifyResponse(response(503, '', { 'Retry-After': '30' }), ctx())).toMatchObject(
      {
        type: 'retry',
        afterMs: 30_000,
      },
    );
  });

  it.each([400, 401, 403, 404, 410, 413, 422])('%d refuses the channel', async (status) => {
    expect(await classifyResponse(response(status), ctx())).toMatchObject({ type: 'refused' });
  });

  it("quotes the service's own words, scrubbed of secrets before they are cut", async () => {
    const echo = JSON.stringify({
      message: `Unknown Webhook https://discord.com/api/webhooks/1/SECRETTOKEN123456 ${'x'.repeat(300)}`,
    });
    const outcome = await classifyResponse(response(404, echo), ctx());
    expect(outcome.type === 'refused' && outcome.reason).toMatch(
      /^Discord answered 404 Not Found \(Unknown Webhook \[redacted\] x+…\)$/,
    );
    expect(JSON.stringify(outcome)).not.toContain('SECRETTOKEN');
    // A secret cut in half by a length limit would escape a scrub that ran after the cut.
    expect(cleanDetail(`${'a'.repeat(150)}SECRETTOKEN123456`, ['SECRETTOKEN123456'], 160)).toBe(
      `${'a'.repeat(150)}[redacted]`,
    );
    expect(cleanDetail('line\none\u0007two', [])).toBe('line one two');
  });

  it('reads Telegram description, ntfy error and Slack text', async () => {
    const tg = await classifyResponse(
      response(400, '{"ok":false,"description":"Bad Request: chat not found"}'),
      { ...ctx('telegram'), service: 'Telegram' },
    );
    expect(tg).toEqual({
      type: 'refused',
      reason: 'Telegram answered 400 Bad Request (Bad Request: chat not found)',
    });
    const ntfy = await classifyResponse(response(401, '{"code":40101,"error":"unauthorized"}'), {
      ...ctx('ntfy'),
      service: 'ntfy.sh',
    });
    expect(ntfy).toEqual({
      type: 'refused',
      reason: 'ntfy.sh answered 401 Unauthorized (unauthorized)',
    });
    const slack = await classifyResponse(response(404, 'no_service'), {
      ...ctx('slack'),
      service: 'Slack',
    });
    expect(slack).toEqual({ type: 'refused', reason: 'Slack answered 404 Not Found (no_service)' });
  });
});

describe('no answer', () => {
  const network = (detail: string) =>
    new TransportError(
      'network',
      `could not reach discord.com/api/webhooks/1/SECRETTOKEN123456: ${detail}`,
    );

  it.each([
    ['connect ECONNREFUSED 127.0.0.1:9', 'connection refused'],
    ['getaddrinfo ENOTFOUND discord.com', 'host not found'],
    ['net::ERR_INTERNET_DISCONNECTED', 'no network'],
    ['net::ERR_NAME_NOT_RESOLVED', 'host not found'],
    ['Connect Timeout Error', 'connection timed out'],
    ['self-signed certificate', 'TLS certificate problem'],
  ])('%s: never connected, so retried for the network without counting', (detail, what) => {
    expect(classifyError(network(detail), ctx())).toEqual({
      type: 'retry',
      reason: `Could not reach Discord (${what})`,
      afterMs: null,
      counted: false,
      network: true,
    });
  });

  it('a timeout or a connection dropped mid-request may have delivered it: never sent again', () => {
    const timeout = classifyError(new TransportError('timeout', 'no answer from x in time'), ctx());
    expect(timeout).toEqual({
      type: 'unknown',
      reason:
        'No answer from Discord within 10 s; the alert may have arrived, so it is not sent again',
    });
    const reset = classifyError(network('other side closed'), ctx());
    expect(reset.type).toBe('unknown');
    expect(JSON.stringify(reset)).not.toContain('SECRETTOKEN');
    expect(reset.type === 'unknown' && reset.reason).toMatch(/\(other side closed\)/);
  });

  it('a redirect refuses the channel: the URL must be the final one', () => {
    expect(classifyError(network('unexpected redirect'), ctx())).toMatchObject({ type: 'refused' });
  });
});
