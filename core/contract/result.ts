import type { ErrorView } from './views.js';

/** Every IPC call answers with a value or an error, never a thrown exception. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorView };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(error: ErrorView): Result<T> {
  return { ok: false, error };
}
