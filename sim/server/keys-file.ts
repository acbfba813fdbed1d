// `--keys FILE`: a JSON list of {key, plan}, validated with errors that name the entry.
import { messageOf } from '../../core/base/error-message.js';
import { isPlan, PLANS, type ApiKey } from '../engine/api/plans.js';

export function parseKeys(text: string, source = 'keys'): ApiKey[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const why = messageOf(error);
    throw new Error(`${source}: not JSON (${why})`, { cause: error });
  }
  if (!Array.isArray(data)) throw new Error(`${source}: expected a JSON list of {key, plan}`);
  const seen = new Map<string, number>();
  return data.map((entry: unknown, i) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof e.key !== 'string' || e.key.trim() === '') {
      throw new Error(`${source}[${i}]: 'key' must be a non-empty string`);
    }
    if (!isPlan(e.plan)) {
      throw new Error(`${source}[${i}]: 'plan' must be one of ${PLANS.join(', ')}`);
    }
    const key = e.key.trim();
    const first = seen.get(key);
    // Two entries for one key would silently give it the later plan.
    if (first !== undefined)
      throw new Error(`${source}[${i}]: the same key as ${source}[${first}]`);
    seen.set(key, i);
    return { key, plan: e.plan };
  });
}
