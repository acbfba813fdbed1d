// The alert engine's state: a plain JSON object the app persists (e.g. on every change), so a
// restart in the same day neither re-fires the current episode nor forgets a snooze or a
// cooldown. Validated on restore: a file from an older build or a broken write starts afresh.
import { z } from 'zod';
import { err, ok, type Result } from '../base/result.js';
import {
  AlertSeveritySchema,
  ConfirmationSchema,
  DirectionSchema,
  LegSharesSchema,
  SUPPRESSION_REASONS,
  VerdictKindSchema,
} from '../contract/detector.js';

const EpisodeStateSchema = z.object({
  direction: DirectionSchema,
  since: z.number(),
  /** the newest bar the pattern held on */
  t: z.number(),
  barCount: z.number(),
  move: z.number(),
  confirmation: ConfirmationSchema.nullable(),
  legs: LegSharesSchema.nullable(),
  alerted: z.boolean(),
  escalated: z.boolean(),
  /** the severity of the newest alert fired for it */
  severity: AlertSeveritySchema,
  pending: z.enum(SUPPRESSION_REASONS).nullable(),
});
export type EpisodeState = z.infer<typeof EpisodeStateSchema>;

const SymbolAlertStateSchema = z.object({
  /** the newest bar evaluated; older bars arriving later are ignored */
  lastT: z.number().nullable(),
  /** the episode in progress, per kind */
  active: z.partialRecord(VerdictKindSchema, EpisodeStateSchema),
  /** the last episode that ended, per kind: if the same run holds again it is not new */
  ended: z.partialRecord(VerdictKindSchema, EpisodeStateSchema),
  /** when each kind last notified (cooldown) */
  lastFiredAt: z.partialRecord(VerdictKindSchema, z.number()),
  snoozedUntil: z.number().nullable(),
});
export type SymbolAlertState = z.infer<typeof SymbolAlertStateSchema>;

const AlertEngineStateSchema = z.object({
  version: z.literal(1),
  symbols: z.record(z.string(), SymbolAlertStateSchema),
});
export type AlertEngineState = z.infer<typeof AlertEngineStateSchema>;

export function emptyAlertEngineState(): AlertEngineState {
  return { version: 1, symbols: {} };
}

export function emptySymbolState(): SymbolAlertState {
  return { lastT: null, active: {}, ended: {}, lastFiredAt: {}, snoozedUntil: null };
}

/** The stored state, or why it cannot be used (zod's description of the problem). */
export function parseAlertEngineState(data: unknown): Result<AlertEngineState, string> {
  const parsed = AlertEngineStateSchema.safeParse(data);
  return parsed.success ? ok(parsed.data) : err(z.prettifyError(parsed.error));
}
