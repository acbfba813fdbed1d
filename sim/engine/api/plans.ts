// FlashAlpha's plans as ../shared/API.md lists them: daily quota and which endpoints each
// unlocks. Growth is taken at 2,500 requests a day (the pricing table), not the "1000" of an
// older /v1/account example.

export const PLANS = ['free', 'basic', 'growth', 'alpha', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

/** Requests per UTC day; null = unlimited. */
export const DAILY_LIMIT: Readonly<Record<Plan, number | null>> = {
  free: 5,
  basic: 250,
  growth: 2500,
  alpha: null,
  enterprise: null,
};

export const PLAN_TITLE: Readonly<Record<Plan, string>> = {
  free: 'Free',
  basic: 'Basic',
  growth: 'Growth',
  alpha: 'Alpha',
  enterprise: 'Enterprise',
};

export function isPlan(value: unknown): value is Plan {
  return typeof value === 'string' && (PLANS as readonly string[]).includes(value);
}

export function planRank(plan: Plan): number {
  return PLANS.indexOf(plan);
}

/** The next plan up, for the 429 body's `upgrade_to`. */
export function upgradeFrom(plan: Plan): Plan | null {
  return PLANS[planRank(plan) + 1] ?? null;
}

export interface ApiKey {
  readonly key: string;
  readonly plan: Plan;
}

/** The keys a simulator knows when none are configured: one per plan below Enterprise. */
export const DEFAULT_KEYS: readonly ApiKey[] = [
  { key: 'free-key', plan: 'free' },
  { key: 'basic-key', plan: 'basic' },
  { key: 'growth-key', plan: 'growth' },
  { key: 'alpha-key', plan: 'alpha' },
];
