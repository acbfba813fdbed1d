// The key's plan, in one place. Hedge flow needs Growth or higher (API.md): a Free or Basic key
// is refused with a 403, and polling stops until the plan changes. The plan is learned for free
// from /v1/account before any data request is spent, or from the 403 itself; the plan's name
// the quota view shows comes from whichever said it last. An answer from /v1/account after an
// upgrade (the user's "refresh") lifts the block, and a spent quota's block once requests are
// left again.
import type { Account } from '../api/api-types.js';
import { ApiError } from '../api/errors.js';
import type { Block } from './failures.js';
import type { QuotaTracker } from './quota.js';

/** The lowest plan that reads hedge flow, as the API names it in its 403. */
const REQUIRED_PLAN = 'Growth';

/** Plans below Growth, as /v1/account spells them. */
const WITHOUT_HEDGE_FLOW: ReadonlySet<string> = new Set(['free', 'basic']);

/** 'basic' -> 'Basic': the API's 403 spells plans capitalized, /v1/account lower-cased. */
function displayName(plan: string): string {
  return plan.charAt(0).toUpperCase() + plan.slice(1);
}

/** The block for a key whose plan (from /v1/account) cannot read hedge flow, or null. */
function accountTierBlock(account: Account): Block | null {
  if (!WITHOUT_HEDGE_FLOW.has(account.plan)) return null;
  const plan = displayName(account.plan);
  const error = new ApiError(
    'tier',
    `Hedge flow needs the ${REQUIRED_PLAN} plan or higher; this key is on ${plan}.`,
    { currentPlan: plan, requiredPlan: REQUIRED_PLAN, code: 'tier_restricted' },
  );
  return { reason: 'tier', until: Number.POSITIVE_INFINITY, error };
}

/**
 * The block a 403 sets: until the plan changes. The plan the server named is the key's plan
 * now, so the quota's account figures show it.
 */
export function refusedTierBlock(error: ApiError, quota: QuotaTracker): Block {
  const plan = error.details.currentPlan;
  if (plan) quota.observePlan(plan.toLowerCase());
  return { reason: 'tier', until: Number.POSITIVE_INFINITY, error };
}

/**
 * The block after /v1/account answered: a plan below Growth blocks; otherwise a tier block is
 * lifted (the plan was upgraded since the 403), and so is an auth block (the key was just
 * accepted), and a spent day's quota block once the account shows requests left again (a
 * bigger plan bought mid-day). A burst limit's short wait stays.
 */
export function blockAfterAccount(block: Block | null, account: Account): Block | null {
  const tier = accountTierBlock(account);
  if (tier) return tier;
  switch (block?.reason) {
    case undefined:
    case 'rate-limit':
      return block ?? null;
    case 'tier':
    case 'auth':
      return null;
    case 'quota':
      return account.remaining === 'unlimited' || account.remaining > 0 ? null : block;
  }
}
