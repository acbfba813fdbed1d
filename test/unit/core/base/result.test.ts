import { describe, expect, expectTypeOf, it } from 'vitest';
import { err, ok, type Result } from '../../../../core/base/result.js';
import type { Result as IpcResult } from '../../../../core/contract/result.js';
import type { ErrorView } from '../../../../core/contract/views.js';

function half(n: number): Result<number, string> {
  return n % 2 === 0 ? ok(n / 2) : err(`${n} is odd`);
}

describe('Result', () => {
  it('carries a value or an error, told apart by ok', () => {
    expect(half(4)).toEqual({ ok: true, value: 2 });
    expect(half(3)).toEqual({ ok: false, error: '3 is odd' });
    const r = half(8);
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<number>();
    else expectTypeOf(r.error).toEqualTypeOf<string>();
  });

  it('is the IPC answer too: the same shape, with an ErrorView error by default', () => {
    expectTypeOf<IpcResult<number>>().toEqualTypeOf<Result<number, ErrorView>>();
    const answer: IpcResult<number> = err({ code: 'internal', message: 'x', action: 'retry' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'internal', message: 'x', action: 'retry' },
    });
  });
});
