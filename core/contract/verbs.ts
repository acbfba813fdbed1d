// The vocabulary of the IPC contract table (channels.ts): a verb is declared once, as its bridge
// method name (the table's key), its channel, the schema its payload must pass and the type it
// answers with; a push event as its name and payload type. Everything else (the bridge's type
// and its methods, the handler map's type, the router's channel list and schema lookup, the push
// event list) is derived from a table here, so adding a verb is one line plus its handler.
import { z } from 'zod';
import type { Result } from './result.js';

declare const phantom: unique symbol;

/**
 * A type carried only by the type system. The symbol is declared, never created, so nothing at
 * runtime can read the property: main answers, and the renderer trusts main (DESIGN.md), so a
 * response or push type needs no runtime schema.
 */
export interface Phantom<T> {
  readonly [phantom]: T;
}

const PHANTOM: unknown = Object.freeze({});

/** The type a verb answers with: `returns<Snapshot>()`. */
export function returns<T>(): Phantom<T> {
  return PHANTOM as Phantom<T>;
}

/** A push event's payload type: `push<SymbolRow>()`. */
export function push<T>(): Phantom<T> {
  return PHANTOM as Phantom<T>;
}

/** The payload of a verb that takes none: the bridge method has no parameter. */
export const None = z.undefined().or(z.null()).optional();

export interface Verb<C extends string = string, S extends z.ZodType = z.ZodType, R = unknown> {
  /** The IPC channel: `area:action`, unique in the table. */
  readonly channel: C;
  /** Validates the payload main receives as `unknown`; its input type is the bridge's parameter. */
  readonly payload: S;
  readonly returns: Phantom<R>;
}

export function verb<const C extends string, S extends z.ZodType, R>(
  channel: C,
  payload: S,
  answer: Phantom<R>,
): Verb<C, S, R> {
  return { channel, payload, returns: answer };
}

/** `on` is the bridge's subscription, so no verb may take that name. */
export type VerbTable = { readonly [name: string]: Verb } & { readonly on?: never };
export type PushTable = { readonly [event: string]: Phantom<unknown> };

type ResponseOf<V extends Verb> = V['returns'][typeof phantom];
/** What the renderer passes: the schema's input type. */
type RequestIn<V extends Verb> = z.input<V['payload']>;
/** What the handler receives: the schema's output (validated, normalised). */
type RequestOut<V extends Verb> = z.output<V['payload']>;

/**
 * A verb's parameters: none when its payload can only be absent, optional when the schema
 * accepts undefined, else required.
 */
type VerbArgs<V extends Verb> = [NonNullable<RequestIn<V>>] extends [never]
  ? []
  : undefined extends RequestIn<V>
    ? [payload?: NonNullable<RequestIn<V>>]
    : [payload: RequestIn<V>];

export type Unsubscribe = () => void;

export type PushPayloads<P extends PushTable> = {
  readonly [E in keyof P]: P[E][typeof phantom];
};

/** `window.hedgeflow` for a table: one method per verb, plus `on` for the push events. */
export type BridgeOf<T extends VerbTable, P extends PushTable> = {
  readonly [K in Exclude<keyof T, 'on'>]: (
    ...args: VerbArgs<T[K] & Verb>
  ) => Promise<Result<ResponseOf<T[K] & Verb>>>;
} & {
  on<E extends keyof P & string>(
    event: E,
    listener: (payload: PushPayloads<P>[E]) => void,
  ): Unsubscribe;
};

/** Main's side: one handler per verb, each given the validated payload. */
export type HandlersOf<T extends VerbTable> = {
  readonly [K in Exclude<keyof T, 'on'>]: (
    request: RequestOut<T[K] & Verb>,
  ) => Promise<Result<ResponseOf<T[K] & Verb>>>;
};

/** The table's channels, in declaration order; throws when two verbs share one. */
export function channelsOf(table: VerbTable): string[] {
  const channels = Object.values(table).map((v) => v!.channel);
  const twice = channels.find((c, i) => channels.indexOf(c) !== i);
  if (twice !== undefined) throw new Error(`IPC channel '${twice}' is declared twice`);
  return channels;
}
