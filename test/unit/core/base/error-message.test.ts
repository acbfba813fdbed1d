// Whatever a dependency throws, the text that reports it says something, and reporting never
// throws a second time.
import { describe, expect, it } from 'vitest';
import { messageOf, stackOf } from '../../../../core/base/error-message.js';

describe('messageOf', () => {
  it("is an Error's message, whatever its class", () => {
    expect(messageOf(new Error('disk full'))).toBe('disk full');
    expect(messageOf(new TypeError('fetch failed'))).toBe('fetch failed');
    expect(messageOf(new RangeError('too big', { cause: new Error('inner') }))).toBe('too big');
  });

  it("is the Error's name when its message is empty, never ''", () => {
    expect(messageOf(new Error(''))).toBe('Error');
    expect(messageOf(new AggregateError([new Error('a')]))).toBe('AggregateError');
  });

  it('reads the message of a thrown object that is not an Error', () => {
    expect(messageOf({ message: 'not an Error', code: 'E_X' })).toBe('not an Error');
    expect(messageOf({ message: 42 })).toBe('[object Object]');
  });

  it('is the thrown value as text otherwise', () => {
    expect(messageOf('plain string')).toBe('plain string');
    expect(messageOf(404)).toBe('404');
    expect(messageOf(undefined)).toBe('undefined');
    expect(messageOf(null)).toBe('null');
    expect(messageOf(Symbol('s'))).toBe('Symbol(s)');
  });

  it('never throws, even for values that cannot be turned into text', () => {
    const bare = Object.create(null) as object;
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(messageOf(bare)).toBe('[object Object]');
    expect(messageOf(hostile)).toBe('[object Object]');
  });
});

describe('stackOf', () => {
  it("is an Error's stack, which starts with its name and message", () => {
    const error = new Error('boom');
    expect(stackOf(error)).toBe(error.stack);
    expect(stackOf(error)).toMatch(/^Error: boom\n\s+at /);
  });

  it('falls back to name and message without a stack, and to messageOf for other values', () => {
    const error = new Error('boom');
    delete error.stack;
    expect(stackOf(error)).toBe('Error: boom');
    expect(stackOf('just text')).toBe('just text');
  });
});
