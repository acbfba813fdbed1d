// Telegram's Bot API sendMessage: the chat id, the text as HTML (only &, < and > need escaping
// there, which is why HTML and not MarkdownV2, whose escaping rules are a trap), no link preview.
// The token is part of the URL path: the URL is never logged or shown.
import { alertMessage } from '../message.js';
import type { OutgoingRequest, RequestInput } from './request-input.js';

/** sendMessage's limit on a message's text. */
const MAX_TEXT = 4096;

function escapeTelegramHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** `text` escaped and cut to `max` characters of HTML, never inside an entity. */
function escapedCut(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    const next = escapeTelegramHtml(char);
    if (out.length + next.length > max - 1) return `${out}…`;
    out += next;
  }
  return out;
}

function telegramUrl(api: string, botToken: string): string {
  return `${api.replace(/\/$/, '')}/bot${botToken}/sendMessage`;
}

export async function telegramRequest(input: RequestInput<'telegram'>): Promise<OutgoingRequest> {
  const m = alertMessage(input.payload, input.context);
  const lead = m.severity === 'test' ? '🧪 ' : m.late ? '⏱ ' : '';
  const head = `<b>${escapedCut(lead + m.title, 400)}</b>`;
  const tail: string[] = [];
  if (m.facts.length > 0)
    tail.push(
      '',
      ...m.facts.map((f) => `${escapedCut(f.name, 40)}: <b>${escapedCut(f.value, 160)}</b>`),
    );
  tail.push('', ...m.notes.map((n) => `<i>${escapedCut(n, 200)}</i>`), escapedCut(m.footer, 200));
  // The body gets what the rest leaves of the limit (each part was cut whole, tags intact).
  const rest = head.length + tail.join('\n').length + 2;
  const text = [head, escapedCut(m.body, MAX_TEXT - rest), ...tail].join('\n');
  return {
    method: 'POST',
    url: telegramUrl(input.endpoints.telegramApi, input.secrets.botToken),
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      chat_id: input.config.chatId,
      text,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    }),
  };
}
