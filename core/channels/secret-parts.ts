// A channel's secrets as text that must never be written anywhere: each whole value and the parts
// of a URL that carry its token, so a path printed without its scheme ("discord.com/api/…") or
// a token on its own is still caught by its token. Also the masked hint the renderer is allowed to see.
import type { ChannelSecretHint, ChannelSecrets } from '../contract/alert-channels.js';

/** A token-sized part of a URL: long enough that it is the secret, not a word like "api". */
const TOKEN_PART = 12;

function urlParts(value: string): string[] {
  const out = [value];
  try {
    const url = new URL(value);
    // Not the host or the path as a whole: every run of six characters of a registered secret
    // is redacted, and a run of "127.0.0.1:" or "discord.com/api" is not a secret. The token
    // parts are, and they are what a path printed without its scheme still carries.
    for (const segment of url.pathname.split('/'))
      if (segment.length >= TOKEN_PART) out.push(segment);
    for (const v of url.searchParams.values()) if (v.length >= TOKEN_PART) out.push(v);
  } catch {
    // Not a URL: the whole value is still listed.
  }
  return out;
}

/** Every string to redact for these secrets, longest first (so a part never hides a whole). */
export function secretStrings(secrets: ChannelSecrets): string[] {
  const out: string[] = [];
  switch (secrets.kind) {
    case 'webhook':
      out.push(...urlParts(secrets.url));
      if (secrets.sharedSecret) out.push(secrets.sharedSecret);
      if (secrets.signingSecret) out.push(secrets.signingSecret);
      break;
    case 'discord':
    case 'slack':
      out.push(...urlParts(secrets.url));
      break;
    case 'telegram':
      out.push(`bot${secrets.botToken}`, secrets.botToken);
      // The part after the colon is the secret; the bot id before it is not enough alone.
      out.push(secrets.botToken.slice(secrets.botToken.indexOf(':') + 1));
      break;
    case 'ntfy':
      out.push(...urlParts(secrets.topicUrl));
      if (secrets.accessToken) out.push(secrets.accessToken);
      break;
    default:
      return secrets satisfies never;
  }
  return [...new Set(out.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
}

/** Replaces every listed secret in `text`; run it before cutting text, never after. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  return out;
}

function lastFour(value: string): string {
  return `••••${value.replace(/\/+$/, '').slice(-4)}`;
}

function urlTarget(value: string): string {
  try {
    const url = new URL(value);
    return `${url.host} ${lastFour(`${url.pathname}${url.search}`)}`;
  } catch {
    return lastFour(value);
  }
}

/** The host and the last four characters, as the API key's hint shows its last four. */
export function secretHint(secrets: ChannelSecrets): ChannelSecretHint {
  switch (secrets.kind) {
    case 'webhook':
      return {
        target: urlTarget(secrets.url),
        extras: [
          ...(secrets.sharedSecret ? ['shared secret'] : []),
          ...(secrets.signingSecret ? ['signing secret'] : []),
        ],
      };
    case 'discord':
    case 'slack':
      return { target: urlTarget(secrets.url), extras: [] };
    case 'telegram':
      return { target: `bot ${lastFour(secrets.botToken)}`, extras: [] };
    case 'ntfy':
      return {
        target: urlTarget(secrets.topicUrl),
        extras: secrets.accessToken ? ['access token'] : [],
      };
    default:
      return secrets satisfies never;
  }
}
