// Discord's execute-webhook call: `content` (what a phone's notification shows) plus one embed
// with the evidence as fields. Mentions are disabled so no alert text can ping anyone.
// Limits: content 2000, embed title 256, description 4096, 25 fields of 256/1024, footer 2048.
import { alertMessage } from '../message.js';
import { cut, type OutgoingRequest, type RequestInput } from './request-input.js';

const COLOR = { up: 0x16a34a, down: 0xdc2626, none: 0x64748b } as const;

/** Discord reads markdown everywhere; alert text is shown as written. */
export function escapeDiscord(text: string): string {
  return text.replace(/([\\*_~`|>[\]])/g, '\\$1');
}

export async function discordRequest(input: RequestInput<'discord'>): Promise<OutgoingRequest> {
  const m = alertMessage(input.payload, input.context);
  const lead = m.severity === 'test' ? '🧪 ' : m.late ? '⏱ ' : '';
  const description = [escapeDiscord(m.body), ...m.notes.map((n) => `*${escapeDiscord(n)}*`)];
  const body = {
    content: cut(`${lead}**${escapeDiscord(m.title)}**`, 2000),
    embeds: [
      {
        title: cut(m.title, 256),
        description: cut(description.join('\n\n'), 4096),
        color: COLOR[m.direction ?? 'none'],
        timestamp: new Date(input.context.queuedAt).toISOString(),
        fields: m.facts.slice(0, 25).map((f) => ({
          name: cut(f.name, 256),
          value: cut(escapeDiscord(f.value), 1024),
          inline: true,
        })),
        footer: { text: cut(m.footer, 2048) },
      },
    ],
    allowed_mentions: { parse: [] },
  };
  return {
    method: 'POST',
    url: input.secrets.url,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}
