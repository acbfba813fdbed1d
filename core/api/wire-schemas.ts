// Runtime schemas of FlashAlpha's responses (../shared/API.md). Unknown extra fields are
// accepted and dropped; NaN/Infinity, unparseable times, unsorted or duplicate bars, and bars
// from after the response's own `as_of` are not.
import { z } from 'zod';
import { BAR_SIZES, SIDES } from '../model/flow.js';

/** zod 4's number already rejects NaN and ±Infinity (JSON.parse turns 1e999 into Infinity). */
const finite = z.number();

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO-8601 instant (with Z or an offset), turned into epoch ms. */
const Instant = z
  .string()
  .refine((s) => ISO_INSTANT.test(s), 'not an ISO-8601 UTC time')
  .transform((s) => Date.parse(s))
  .refine((ms) => Number.isFinite(ms), 'not a valid time');

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a yyyy-MM-dd date');

function ascendingUnique<T extends { t: number }>(bars: readonly T[], ctx: z.RefinementCtx): void {
  for (let i = 1; i < bars.length; i++) {
    const prev = bars[i - 1]!.t;
    const cur = bars[i]!.t;
    if (cur === prev) {
      ctx.addIssue({ code: 'custom', message: 'duplicate bar time', path: [i, 't'] });
    } else if (cur < prev) {
      ctx.addIssue({ code: 'custom', message: 'bars are not ascending by t', path: [i, 't'] });
    }
  }
}

/** A bucket cannot start after the server time the response was built at. */
function notAfterAsOf(
  wire: { as_of: number; bars: readonly { t: number }[] },
  ctx: z.RefinementCtx,
): void {
  const i = wire.bars.findIndex((b) => b.t > wire.as_of);
  if (i >= 0)
    ctx.addIssue({ code: 'custom', message: 'bar is after as_of', path: ['bars', i, 't'] });
}

export const HedgeFlowWire = z
  .object({
    symbol: z.string().min(1),
    expiration: IsoDate,
    as_of: Instant,
    side: z.enum(SIDES),
    bar_size: z.enum(BAR_SIZES),
    bars: z
      .array(z.object({ t: Instant, bar: finite, cumulative: finite }))
      .superRefine(ascendingUnique),
  })
  .superRefine(notAfterAsOf);

const nullableNumber = finite
  .nullable()
  .optional()
  .transform((v) => v ?? null);

export const SeriesWire = z
  .object({
    symbol: z.string().min(1),
    expiration: IsoDate,
    as_of: Instant,
    bar_size: z.enum(BAR_SIZES),
    bars: z
      .array(
        z.object({
          t: Instant,
          spot: finite,
          net_gex: nullableNumber,
          net_dex: nullableNumber,
          gamma_flip: nullableNumber,
          call_wall: nullableNumber,
          put_wall: nullableNumber,
          magnet: nullableNumber,
          pin_score: nullableNumber,
          pin_probability_pct: nullableNumber,
          regime: z
            .string()
            .nullable()
            .optional()
            .transform((v) => v ?? null),
          atm_iv: nullableNumber,
          charm_dollars_per_hour: nullableNumber,
          hedge_flow_call_cumulative: finite,
          hedge_flow_put_cumulative: finite,
          hedge_flow_cumulative_all: finite,
        }),
      )
      .superRefine(ascendingUnique),
  })
  .superRefine(notAfterAsOf);

/** `daily_limit` and `remaining` are strings ("2500", "unlimited"); some copies send numbers. */
const Count = z.union([finite, z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') {
    if (v < 0) return 'unlimited' as const; // -1 is how some services spell "no limit"
    return v;
  }
  const s = v.trim().toLowerCase();
  if (s === 'unlimited' || s === '-1') return 'unlimited' as const;
  if (/^\d+$/.test(s)) return Number(s);
  // The value is not echoed: server text reaches a message only through the client's scrub.
  ctx.addIssue({ code: 'custom', message: 'not a count (a whole number or "unlimited")' });
  return z.NEVER;
});

export const AccountWire = z.object({
  user_id: z.union([z.string(), finite]).optional(),
  email: z.string().optional(),
  plan: z.string().transform((p) => p.trim().toLowerCase()),
  daily_limit: Count,
  usage_today: finite.nullable().optional(),
  remaining: Count,
  resets_at: Instant.nullable().optional(),
});

export const StockQuoteWire = z.object({
  ticker: z.string().min(1),
  bid: finite.nullable().optional(),
  ask: finite.nullable().optional(),
  mid: finite.nullable().optional(),
  lastPrice: finite.nullable().optional(),
  lastUpdate: z.string().nullable().optional(),
});

export const HealthWire = z.object({ status: z.string() });

/** Tolerates a number sent as a string ("limit": "5"). */
const LooseNumber = z.union([finite, z.string().regex(/^\d+$/).transform(Number)]);

/** Error bodies come in two shapes; the message is `message`, else `detail`. */
export const ErrorBodyWire = z
  .object({
    error: z.string().optional(),
    message: z.string().optional(),
    detail: z.string().optional(),
    title: z.string().optional(),
    current_plan: z.string().optional(),
    required_plan: z.string().optional(),
    limit: LooseNumber.optional(),
    reset_at: z.string().optional(),
  })
  .loose();

export type ErrorBody = z.infer<typeof ErrorBodyWire>;
