// ntfy: a POST of the message text to the topic URL, with Title, Priority and Tags headers and
// an optional access token (Authorization: Bearer). Header values must be ASCII, so a title with
// "—" or "▲" goes as RFC 2047 encoded-words, which ntfy decodes.
import { alertMessage } from '../message.js';
import type { OutgoingRequest, RequestInput } from './request-input.js';

const encoder = new TextEncoder();

/** An ASCII header value as is; anything else as RFC 2047 UTF-8 B encoded-words (<= 75 each). */
export function rfc2047(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk: number[] = [];
  const flush = (): void => {
    words.push(`=?UTF-8?B?${btoa(String.fromCharCode(...chunk))}?=`);
    chunk = [];
  };
  for (const char of value) {
    const bytes = encoder.encode(char);
    // 45 bytes -> 60 base64 characters + 12 of framing: within the 75 RFC 2047 allows.
    if (chunk.length + bytes.length > 45) flush();
    chunk.push(...bytes);
  }
  if (chunk.length > 0) flush();
  return words.join(' ');
}

/** ntfy's priorities: 5 urgent, 4 high, 3 default. */
const PRIORITY = { escalated: '5', building: '4', test: '3' } as const;

export async function ntfyRequest(input: RequestInput<'ntfy'>): Promise<OutgoingRequest> {
  const m = alertMessage(input.payload, input.context);
  const tags: string[] = [];
  if (input.payload.type === 'test') tags.push('test_tube', 'hedgeflow');
  else {
    const { alert, source } = input.payload;
    tags.push(
      alert.direction === 'up' ? 'chart_with_upwards_trend' : 'chart_with_downwards_trend',
      alert.symbol,
      alert.kind,
    );
    if (source === 'demo') tags.push('demo');
    if (m.late) tags.push('hourglass');
  }
  const text = [m.body];
  if (m.facts.length > 0) text.push('', ...m.facts.map((f) => `${f.name}: ${f.value}`));
  text.push('', ...m.notes, m.footer);
  return {
    method: 'POST',
    url: input.secrets.topicUrl,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      Title: rfc2047(m.title),
      Priority: PRIORITY[m.severity],
      Tags: tags.join(','),
      ...(input.secrets.accessToken
        ? { Authorization: `Bearer ${input.secrets.accessToken}` }
        : {}),
    },
    body: text.join('\n'),
  };
}
