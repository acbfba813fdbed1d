// The IPC contract table and everything derived from it: the bridge's methods, the router's
// channels and schemas, the handler map's type. Runtime checks below; compile-time checks in
// `compileOnly` (run by `tsc -p test/tsconfig.json`, the typecheck stage of npm test): each
// `@ts-expect-error` fails the build if the line it marks ever compiles.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { appHandlers } from '../../../../core/app/app-handlers.js';
import { routerFor, type Handlers } from '../../../../core/app/ipc-router.js';
import {
  bridgeFor,
  createBridge,
  type BridgeTransport,
  type HedgeflowApi,
} from '../../../../core/contract/bridge.js';
import {
  contract,
  INVOKE_CHANNELS,
  PUSH_EVENTS,
  pushEvents,
  type PushEvents,
} from '../../../../core/contract/channels.js';
import { ok, type Result } from '../../../../core/contract/result.js';
import {
  channelsOf,
  None,
  returns,
  verb,
  type HandlersOf,
} from '../../../../core/contract/verbs.js';
import type {
  AppStatusView,
  KeyStatus,
  Snapshot,
  SymbolRow,
} from '../../../../core/contract/views.js';
import { silentLogger } from '../../../../core/log/logger.js';

/** A transport that records what the bridge sends and answers with `ok(channel)`. */
function recordingTransport() {
  const sent: { channel: string; payload: unknown }[] = [];
  const subscribed: string[] = [];
  const transport: BridgeTransport = {
    invoke: async (channel, payload) => {
      sent.push({ channel, payload });
      return ok(channel);
    },
    subscribe: (event) => {
      subscribed.push(event);
      return () => undefined;
    },
  };
  return { sent, subscribed, transport };
}

describe('the contract table', () => {
  it('gives every verb its own channel, named area:action', () => {
    const channels = Object.values(contract).map((v) => v.channel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^[a-z]+:[a-z-]+$/);
    expect(INVOKE_CHANNELS).toEqual(channels);
  });

  it('refuses a table in which two verbs share a channel', () => {
    const twice = {
      a: verb('x:same', None, returns<null>()),
      b: verb('x:same', None, returns<null>()),
    };
    expect(() => channelsOf(twice)).toThrow("IPC channel 'x:same' is declared twice");
    expect(() =>
      routerFor(
        twice,
        { a: async () => ok(null), b: async () => ok(null) },
        { isTrustedSender: () => true, logger: silentLogger, now: () => 0 },
      ),
    ).toThrow(/declared twice/);
  });

  it('lists the push events of its push table', () => {
    expect(PUSH_EVENTS).toEqual(Object.keys(pushEvents));
    expect(PUSH_EVENTS).toContain('symbol');
  });
});

describe('the bridge built from the table', () => {
  it('has one method per verb, plus on, and nothing else', () => {
    const api = createBridge(recordingTransport().transport);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(contract), 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it("sends each verb's payload, as given, on that verb's channel", async () => {
    const { sent, transport } = recordingTransport();
    const api = createBridge(transport) as unknown as Record<
      string,
      (payload?: unknown) => Promise<unknown>
    >;
    for (const [name, { channel }] of Object.entries(contract)) {
      const payload = { probe: name };
      await expect(api[name]!(payload)).resolves.toEqual({ ok: true, value: channel });
      expect(sent.at(-1)).toEqual({ channel, payload });
    }
    await api.getSnapshot!();
    expect(sent.at(-1)).toEqual({ channel: 'app:get-snapshot', payload: undefined });
  });

  it('subscribes to push events by name', () => {
    const { subscribed, transport } = recordingTransport();
    const api = createBridge(transport);
    api.on('symbol', () => undefined);
    api.on('snapshot', () => undefined);
    expect(subscribed).toEqual(['symbol', 'snapshot']);
  });
});

describe('a verb added to the table', () => {
  // One new line in a table, plus its handler: nothing else is written for it.
  const extended = {
    ...contract,
    ping: verb(
      'test:ping',
      z.object({ times: z.number().int().min(1) }).strict(),
      returns<string>(),
    ),
  };

  function wire(handlers: HandlersOf<typeof extended>) {
    const router = routerFor(extended, handlers, {
      isTrustedSender: () => true,
      logger: silentLogger,
      now: () => 0,
    });
    const api = bridgeFor(extended, pushEvents, {
      invoke: (channel, payload) => router.invoke(channel, payload, 'popover'),
      subscribe: () => () => undefined,
    });
    return { router, api };
  }

  const base = Object.fromEntries(
    Object.keys(contract).map((name) => [name, async () => ok(null)]),
  ) as unknown as Handlers;

  it('reaches its handler through the bridge and the router, validated by its schema', async () => {
    const { router, api } = wire({
      ...base,
      ping: async ({ times }) => ok('pong'.repeat(times)),
    });
    expect(router.channels).toContain('test:ping');
    await expect(api.ping({ times: 2 })).resolves.toEqual({ ok: true, value: 'pongpong' });
    const wrong = await router.invoke('test:ping', { times: 0 }, 'popover');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('cannot be routed without its handler', () => {
    expect(() => wire(base as HandlersOf<typeof extended>)).toThrow(
      "IPC verb 'ping' has no handler",
    );
  });
});

/** Never called: its body is checked by the compiler only. */
function compileOnly(api: HedgeflowApi, handlers: Handlers): void {
  // Payloads are the schemas' input types.
  void api.setPaused({ paused: true });
  // @ts-expect-error a wrong type in the payload
  void api.setPaused({ paused: 'yes' });
  // @ts-expect-error a missing payload
  void api.setPaused();
  // @ts-expect-error a field the schema does not have
  void api.setApiKey({ key: 'abcdefgh1234', extra: 1 });
  // @ts-expect-error a positional argument instead of the payload object
  void api.getDetail('SPY');
  void api.snooze({ symbol: 'SPY', duration: '1h' });
  // @ts-expect-error a snooze length the schema does not list
  void api.snooze({ symbol: 'SPY', duration: '2h' });
  // @ts-expect-error a misspelt settings section
  void api.updateSettings({ symbolz: ['SPY'] });
  void api.updateSettings({ symbols: ['SPY'] });
  // A verb whose payload is None takes nothing; an optional payload may be left out.
  void api.getSnapshot();
  // @ts-expect-error a payload for a verb that takes none
  void api.getSnapshot({});
  void api.listAlerts();
  void api.listAlerts({ limit: 10 });

  // Answers are the table's response types, as Results.
  expectTypeOf(api.getSnapshot).returns.resolves.toEqualTypeOf<Result<Snapshot>>();
  expectTypeOf(api.setPaused).returns.resolves.toEqualTypeOf<Result<AppStatusView>>();
  expectTypeOf(api.snooze).returns.resolves.toEqualTypeOf<Result<SymbolRow>>();

  // Pushes are typed by the push table.
  api.on('symbol', (row) => expectTypeOf(row).toEqualTypeOf<SymbolRow>());
  api.on('snapshot', (snapshot) => expectTypeOf(snapshot).toEqualTypeOf<PushEvents['snapshot']>());
  // @ts-expect-error an event the push table does not have
  api.on('symbols', () => undefined);

  // Handlers receive the schemas' output types and must answer with the response type.
  expectTypeOf(handlers.getDetail).parameter(0).toEqualTypeOf<{ symbol: string }>();
  expectTypeOf(handlers.setApiKey).returns.resolves.toEqualTypeOf<Result<KeyStatus>>();
  const partial: Partial<Handlers> = {
    // @ts-expect-error a handler answering with the wrong type
    setPaused: async () => ok('paused'),
  };

  // Adding a verb: the bridge has it at once, and the handler map requires it.
  const extended = {
    ...contract,
    ping: verb('test:ping', z.object({ times: z.number() }).strict(), returns<string>()),
  };
  const extendedApi = bridgeFor(extended, pushEvents, {
    invoke: async () => null,
    subscribe: () => () => undefined,
  });
  expectTypeOf(extendedApi.ping).parameter(0).toEqualTypeOf<{ times: number }>();
  expectTypeOf(extendedApi.ping).returns.resolves.toEqualTypeOf<Result<string>>();
  // @ts-expect-error the new verb's handler is missing
  const missing: HandlersOf<typeof extended> = handlers;
  const complete: HandlersOf<typeof extended> = { ...handlers, ping: async () => ok('pong') };
  void [partial, missing, complete, appHandlers];
}
void compileOnly;
