// `hedgeflow watch --channels FILE`: the alert channels of a headless box, from a JSON file that
// names each secret by the environment variable holding it (urlEnv, botTokenEnv...), never the
// secret itself, so the file can be committed or shared. Each channel is added through the same
// path as the tray app's Settings (validation, redaction), with the secrets kept in memory.
import { z } from 'zod';
import type { HedgeFlowApp } from '../core/app/hedgeflow-app.js';
import { messageOf } from '../core/base/error-message.js';
import { ChannelError } from '../core/channels/channel-service.js';
import type { ChannelAdd } from '../core/contract/alert-channels.js';
import { VerdictKindSchema } from '../core/contract/detector.js';
import { UsageError } from './io.js';

const EnvName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable');

const common = {
  name: z.string(),
  enabled: z.boolean().optional(),
  kinds: z.array(VerdictKindSchema).optional(),
  symbols: z.array(z.string()).optional(),
};

const FileChannelSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...common,
      kind: z.literal('webhook'),
      secretHeader: z.string().optional(),
      urlEnv: EnvName,
      sharedSecretEnv: EnvName.optional(),
      signingSecretEnv: EnvName.optional(),
    })
    .strict(),
  z.object({ ...common, kind: z.literal('discord'), urlEnv: EnvName }).strict(),
  z.object({ ...common, kind: z.literal('slack'), urlEnv: EnvName }).strict(),
  z
    .object({ ...common, kind: z.literal('telegram'), chatId: z.string(), botTokenEnv: EnvName })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('ntfy'),
      topicUrlEnv: EnvName,
      accessTokenEnv: EnvName.optional(),
    })
    .strict(),
]);
type FileChannel = z.infer<typeof FileChannelSchema>;

const ChannelsFileSchema = z
  .object({
    /** What the quiet periods silence: every channel (default) or the desktop only. */
    quietPeriods: z.enum(['all', 'desktop']).optional(),
    channels: z.array(z.unknown()).min(1, 'list at least one channel'),
  })
  .strict();

/** The keys a secret would have inline; the file must name an environment variable instead. */
const INLINE_SECRETS = [
  'url',
  'sharedSecret',
  'signingSecret',
  'botToken',
  'topicUrl',
  'accessToken',
];

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid'}`;
}

function parseChannel(raw: unknown, where: string): FileChannel {
  if (typeof raw === 'object' && raw !== null) {
    const inline = INLINE_SECRETS.find((k) => Object.hasOwn(raw, k));
    if (inline) {
      throw new UsageError(
        `${where}.${inline}: secrets never go in the file; put it in an environment variable and give that variable's name as "${inline}Env"`,
      );
    }
  }
  const parsed = FileChannelSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`${where}.${issueText(parsed.error)}`);
  return parsed.data;
}

function fromEnv(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  where: string,
): string {
  const value = env[name]?.trim();
  if (!value) throw new UsageError(`${where}: the environment variable ${name} is not set`);
  return value;
}

/** The file's channel as the app's add call takes it, its secrets read from the environment. */
function toAdd(
  c: FileChannel,
  env: Readonly<Record<string, string | undefined>>,
  where: string,
): ChannelAdd {
  const get = (name: string): string => fromEnv(env, name, where);
  const opt = (name: string | undefined): string | undefined =>
    name === undefined ? undefined : get(name);
  const config = {
    name: c.name,
    ...(c.enabled !== undefined ? { enabled: c.enabled } : {}),
    ...(c.kinds !== undefined ? { kinds: c.kinds } : {}),
    ...(c.symbols !== undefined ? { symbols: c.symbols } : {}),
  };
  switch (c.kind) {
    case 'webhook': {
      const shared = opt(c.sharedSecretEnv);
      const signing = opt(c.signingSecretEnv);
      return {
        config: {
          ...config,
          kind: c.kind,
          ...(c.secretHeader ? { secretHeader: c.secretHeader } : {}),
        },
        secrets: {
          kind: c.kind,
          url: get(c.urlEnv),
          ...(shared ? { sharedSecret: shared } : {}),
          ...(signing ? { signingSecret: signing } : {}),
        },
      };
    }
    case 'discord':
    case 'slack':
      return { config: { ...config, kind: c.kind }, secrets: { kind: c.kind, url: get(c.urlEnv) } };
    case 'telegram':
      return {
        config: { ...config, kind: c.kind, chatId: c.chatId },
        secrets: { kind: c.kind, botToken: get(c.botTokenEnv) },
      };
    case 'ntfy': {
      const token = opt(c.accessTokenEnv);
      return {
        config: { ...config, kind: c.kind },
        secrets: {
          kind: c.kind,
          topicUrl: get(c.topicUrlEnv),
          ...(token ? { accessToken: token } : {}),
        },
      };
    }
    default:
      return c satisfies never;
  }
}

/** Adds the file's channels to the app; a problem is a usage error naming the channel. */
export async function configureChannels(
  app: HedgeFlowApp,
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--channels: not JSON (${messageOf(error)})`);
  }
  const file = ChannelsFileSchema.safeParse(json);
  if (!file.success) throw new UsageError(`--channels: ${issueText(file.error)}`);
  const adds = file.data.channels.map((raw, i) => {
    const where = `--channels: channels.${i}`;
    return { where, add: toAdd(parseChannel(raw, where), env, where) };
  });
  for (const { where, add } of adds) {
    try {
      await app.channels.add(add);
    } catch (error) {
      if (error instanceof ChannelError) throw new UsageError(`${where}: ${error.message}`);
      throw error;
    }
  }
  if (file.data.quietPeriods) {
    const alerts = { ...app.settings.current.alerts, quietScope: file.data.quietPeriods };
    const updated = await app.updateSettings({ alerts });
    if (!updated.ok) throw new UsageError(`--channels: ${updated.error}`);
  }
}
