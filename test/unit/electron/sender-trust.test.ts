import { describe, expect, it } from 'vitest';
import { POPOVER_URL } from '../../../electron/security-policy.js';
import { createSenderCheck } from '../../../electron/sender-trust.js';

const OURS = 7;
const check = createSenderCheck((id) => id === OURS);

function event(id: number, frame: { url: string; parent: unknown } | null): unknown {
  return { sender: { id }, senderFrame: frame };
}

describe('the IPC sender check', () => {
  it('trusts the main frame of our window showing our page', () => {
    expect(check(event(OURS, { url: POPOVER_URL, parent: null }))).toBe(true);
  });

  it('refuses a window this process did not create', () => {
    expect(check(event(8, { url: POPOVER_URL, parent: null }))).toBe(false);
  });

  it('refuses our window once it shows another page', () => {
    expect(check(event(OURS, { url: 'https://evil.example/', parent: null }))).toBe(false);
    expect(check(event(OURS, { url: 'file:///tmp/index.html', parent: null }))).toBe(false);
  });

  it('refuses a subframe, even one showing our page', () => {
    expect(check(event(OURS, { url: POPOVER_URL, parent: { url: POPOVER_URL } }))).toBe(false);
  });

  it('refuses a frame that navigated away or was destroyed', () => {
    expect(check(event(OURS, null))).toBe(false);
    const disposed = {
      sender: { id: OURS },
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(check(disposed)).toBe(false);
  });

  it('refuses anything that is not an IPC event', () => {
    for (const value of [
      null,
      undefined,
      'popover',
      7,
      {},
      { sender: {} },
      { sender: { id: '7' } },
    ]) {
      expect(check(value)).toBe(false);
    }
  });
});
