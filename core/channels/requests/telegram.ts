// Telegram's Bot API sendMessage: the chat id, the text as HTML (only &, < and > need escaping
// there, which is why HTML and not MarkdownV2, whose escaping rules are a trap), no link preview.
// The token is part of the URL path: the URL is never logged or shown.
import { alertMessage } from '../message.js';
import { cut, type OutgoingRequest, type RequestInput } from './request-input.js';

export function escapeTelegramHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function telegramUrl(api: string, botToken: string): string {
  return `${api.replace(/\/$/, '')}/bot${botToken}/sendMessage`;
}

export async function telegramRequest(input: RequestInput<'telegram'>): Promise<OutgoingRequest> {
  const m = alertMessage(input.payload, input.context);
  const e = escapeTelegramHtml;
  const lead = m.severity === 'test' ? '🧪 ' : m.late ? '⏱ ' : '';
  // Each part is cut before escaping, so the HTML stays well-formed and within 4096 characters.
  const lines = [`<b>${e(lead + cut(m.title, 300))}</b>`, e(cut(m.body, 1500))];
  if (m.facts.length > 0)
    lines.push('', ...m.facts.map((f) => `${e(f.name)}: <b>${e(cut(f.value, 120))}</b>`));
  lines.push('', ...m.notes.map((n) => `<i>${e(n)}</i>`), e(m.footer));
  return {
    method: 'POST',
    url: telegramUrl(input.endpoints.telegramApi, input.secrets.botToken),
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      chat_id: input.config.chatId,
      text: lines.join('\n'),
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    }),
  };
}
