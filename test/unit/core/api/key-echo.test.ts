// Issue 15, item 1: a server or proxy that echoes the key, anywhere in a long text, in any case
// or URL-encoded, must not get any part of it (a run of 6+ characters) into an error the client
// throws: not its message, not its details, not its stack, not the view the UI shows. Every
// offset of the key in the text is tried (so every cut: the 200-character server message, the
// 40-character body preview, the 20-character echo), through every error path of the client.
import { describe, expect, it } from 'vitest';
import { FlashAlphaClient } from '../../../../core/api/client.js';
import { ApiError } from '../../../../core/api/errors.js';
import { toErrorView } from '../../../../core/app/error-view.js';
import {
  TransportError,
  type HttpResponse,
  type HttpTransport,
} from '../../../../core/ports/http.js';
import { filler, keyForms, leakedRuns } from '../../../support/secret-leaks.js';
import { hedgeFlowBody, response } from './fake-http.js';

/** Printable ASCII with characters URL-encoding changes, as the key schema allows. */
const KEY = 'fa+live/7D3c=91e2:b5A4_0f68';
const NOW = Date.parse('2026-06-05T18:45:13Z');
/** Long enough for every cut the client makes to fall inside, before and after the key. */
const TEXT_LENGTH = 260;

type Call = (client: FlashAlphaClient) => Promise<unknown>;
const hedgeFlow: Call = (c) => c.hedgeFlow('SPY', { side: 'calls', bar: '5m', minutes: 30 });
const account: Call = (c) => c.account();

interface ErrorPath {
  readonly call: Call;
  /** What the server (or the network) does with a text that carries the key. */
  readonly answer: (text: string) => Promise<HttpResponse>;
}

const json = (status: number, body: unknown) => async () =>
  response({ status, body: JSON.stringify(body) });

const PATHS: Record<string, ErrorPath> = {
  '400 JSON message': {
    call: hedgeFlow,
    answer: (t) => json(400, { error: 'invalid_side', message: t })(),
  },
  '400 error code': { call: hedgeFlow, answer: (t) => json(400, { error: t })() },
  '401 problem details': {
    call: hedgeFlow,
    answer: (t) => json(401, { title: 'Unauthorized', status: 401, detail: t })(),
  },
  '403 plans': {
    call: hedgeFlow,
    answer: (t) =>
      json(403, { error: 'tier_restricted', message: t, current_plan: t, required_plan: t })(),
  },
  '404 message': { call: hedgeFlow, answer: (t) => json(404, { message: t })() },
  '429 detail and plan': {
    call: hedgeFlow,
    answer: (t) => json(429, { detail: t, current_plan: t, reset_at: t })(),
  },
  '500 plain text': { call: hedgeFlow, answer: async (t) => response({ status: 500, body: t }) },
  '503 JSON title': { call: hedgeFlow, answer: (t) => json(503, { title: t })() },
  '418 unexpected status': {
    call: hedgeFlow,
    answer: async (t) => response({ status: 418, body: t }),
  },
  '502 proxy HTML page': {
    call: hedgeFlow,
    answer: async (t) =>
      response({ status: 502, body: `<html><body><h1>Bad Gateway</h1><p>${t}</p></body></html>` }),
  },
  '200 that is not JSON': {
    call: hedgeFlow,
    answer: async (t) => response({ status: 200, body: t }),
  },
  '200 for another symbol': {
    call: hedgeFlow,
    answer: async (t) => response({ status: 200, body: hedgeFlowBody({ symbol: t }) }),
  },
  '200 with a bad field': {
    call: hedgeFlow,
    answer: async (t) => response({ status: 200, body: hedgeFlowBody({ expiration: t }) }),
  },
  '200 account with a bad count': {
    call: account,
    answer: async (t) =>
      response({ status: 200, body: { plan: 'growth', daily_limit: t, remaining: '1' } }),
  },
  'a network error quoting it': {
    call: hedgeFlow,
    answer: async (t) => {
      throw new TransportError('network', `could not reach 127.0.0.1/v1: ${t}`);
    },
  },
  'a plain exception quoting it': {
    call: hedgeFlow,
    answer: async (t) => {
      throw new Error(t);
    },
  },
  'a body that breaks off': {
    call: hedgeFlow,
    answer: async (t) => ({
      status: 200,
      header: () => null,
      text: async () => {
        throw new TransportError('network', t);
      },
    }),
  },
};

async function errorOf(path: ErrorPath, text: string): Promise<ApiError> {
  const transport: HttpTransport = () => path.answer(text);
  const client = new FlashAlphaClient({
    baseUrl: 'http://127.0.0.1:9',
    apiKey: () => KEY,
    transport,
    now: () => NOW,
  });
  try {
    await path.call(client);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** What the error carries (its stack starts with its message) and the view the UI shows. */
function everythingShown(e: ApiError): string {
  const view = toErrorView(e, NOW);
  return [e.message, JSON.stringify(e.details), JSON.stringify(view)].join('\n');
}

describe('a key echoed by the server never reaches an error, whole or in part', () => {
  for (const [pathName, path] of Object.entries(PATHS)) {
    it(`${pathName}: every form, at every offset of a long text`, async () => {
      const leaks: string[] = [];
      for (const [formName, form] of Object.entries(keyForms(KEY))) {
        for (let offset = 0; offset <= TEXT_LENGTH - form.length; offset++) {
          const text = `${filler(offset)}${form}${filler(TEXT_LENGTH - offset - form.length)}`;
          const shown = everythingShown(await errorOf(path, text));
          const runs = leakedRuns(shown, KEY);
          if (runs.length > 0) leaks.push(`${formName} at ${offset}: ${runs.join(', ')}`);
        }
      }
      expect(leaks.slice(0, 5), `${leaks.length} leaks`).toEqual([]);
    });
  }

  it('still shows the server words around the key (scrubbed, then cut), in message and stack', async () => {
    const e = await errorOf(PATHS['400 JSON message']!, `unknown side near ${KEY} in the query`);
    expect(e.message).toBe(
      'FlashAlpha refused the request: unknown side near [redacted] in the query.',
    );
    expect(String(e.stack)).toContain(e.message);
    expect(leakedRuns(String(e.stack), KEY)).toEqual([]);
  });
});
