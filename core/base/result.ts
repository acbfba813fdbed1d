// The one success-or-failure value. A function whose failure is an expected outcome (a file
// that does not validate, a request that did not answer, a setting that was refused) returns
// one of these instead of throwing, so the caller's type says it must look at both.
//
// The shape `{ ok, value } | { ok, error }` is also what IPC answers carry (core/contract's
// `Result<T>` is this one with an `ErrorView` error), so a result never changes shape on its
// way from a store to the renderer.

export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Err<E> {
  readonly ok: false;
  readonly error: E;
}

export type Result<T, E> = Ok<T> | Err<E>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}
