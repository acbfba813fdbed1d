// A Slack incoming webhook: `text` (the notification and the fallback) plus Block Kit blocks: a
// header, the body, the evidence as fields and a context line. Limits: header 150, section text
// 3000, 10 fields of 2000, 10 context elements.
import { alertMessage } from '../message.js';
import { cut, type OutgoingRequest, type RequestInput } from './request-input.js';

/** Slack's mrkdwn treats &, < and > as control characters; everything else is shown. */
function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export async function slackRequest(input: RequestInput<'slack'>): Promise<OutgoingRequest> {
  const m = alertMessage(input.payload, input.context);
  const lead = m.severity === 'test' ? '🧪 ' : m.late ? '⏱ ' : '';
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(`${lead}${m.title}`, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: cut(escapeSlack(m.body), 3000) } },
  ];
  if (m.facts.length > 0) {
    blocks.push({
      type: 'section',
      fields: m.facts.slice(0, 10).map((f) => ({
        type: 'mrkdwn',
        text: cut(`*${escapeSlack(f.name)}*\n${escapeSlack(f.value)}`, 2000),
      })),
    });
  }
  blocks.push({
    type: 'context',
    elements: [...m.notes, m.footer]
      .slice(0, 10)
      .map((text) => ({ type: 'mrkdwn', text: cut(escapeSlack(text), 2000) })),
  });
  return {
    method: 'POST',
    url: input.secrets.url,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text: cut(`${lead}${m.title}`, 3000), blocks }),
  };
}
