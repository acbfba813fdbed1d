import { ApiError } from '../api/errors.js';
import { messageOf } from '../base/error-message.js';
import type { ErrorView } from '../contract/views.js';
import { scrubMessage } from '../log/secret-registry.js';

/** Quota spent vs. a short burst limit: a reset more than this far away means "spent for today". */
const QUOTA_HORIZON_MS = 10 * 60_000;

/**
 * An error as the UI shows it: what happened, and the one thing the user can do. Its message is
 * scrubbed of every secret the process knows: views reach the popover, `watch --json` and logs.
 */
export function toErrorView(error: unknown, now: number, retryAt?: number): ErrorView {
  const view = viewOf(error, now, retryAt);
  return { ...view, message: scrubMessage(view.message) };
}

function viewOf(error: unknown, now: number, retryAt?: number): ErrorView {
  if (!(error instanceof ApiError)) {
    return {
      code: 'internal',
      message: messageOf(error),
      action: 'retry',
    };
  }
  const d = error.details;
  const plans = {
    ...(d.currentPlan ? { currentPlan: d.currentPlan } : {}),
    ...(d.requiredPlan ? { requiredPlan: d.requiredPlan } : {}),
  };
  switch (error.kind) {
    case 'auth':
      return { code: 'auth', message: error.message, action: 'open-settings' };
    case 'tier':
      return { code: 'tier', message: error.message, action: 'upgrade-plan', ...plans };
    case 'rate-limit': {
      const at = d.resetAt ?? (d.retryAfterMs !== undefined ? now + d.retryAfterMs : undefined);
      const spent = at !== undefined && at - now > QUOTA_HORIZON_MS;
      return {
        code: spent ? 'quota' : 'rate-limit',
        message: spent
          ? `Today's request quota is spent. ${error.message}`.trim()
          : 'FlashAlpha asked us to slow down.',
        action: 'wait',
        ...(at !== undefined ? { retryAt: at } : {}),
        ...plans,
      };
    }
    case 'server':
    case 'network':
    case 'timeout':
    case 'invalid-response':
    case 'http':
      return {
        code: error.kind === 'http' ? 'server' : error.kind,
        message: error.message,
        action: 'retry',
        ...(retryAt !== undefined ? { retryAt } : {}),
      };
    case 'not-found':
      return { code: 'not-found', message: error.message, action: 'open-settings' };
    case 'bad-request':
      return { code: 'bad-request', message: error.message, action: 'open-settings' };
    case 'aborted':
      return { code: 'network', message: error.message, action: 'retry' };
  }
}
