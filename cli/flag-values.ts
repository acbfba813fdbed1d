// Values more than one command reads the same way (`--symbols`, `--bar`), checked by the app's
// own rules; each command raises the problem as its usage error.
import { err, ok, type Result } from '../core/base/result.js';
import { SymbolListSchema } from '../core/contract/settings.js';
import { BAR_SIZES, isBarSize, type BarSize } from '../core/model/flow.js';

/** `--symbols spy, qqq`: the settings' symbol list (trimmed, upper-cased, each once). */
export function symbolsValue(text: string): Result<string[], string> {
  const parsed = SymbolListSchema.safeParse(text.split(',').filter((s) => s.trim() !== ''));
  if (parsed.success) return ok(parsed.data);
  return err(`--symbols: ${parsed.error.issues[0]?.message ?? 'not a list of symbols'}`);
}

/** `--bar 5m`: one of the API's bar sizes. */
export function barSizeValue(text: string): Result<BarSize, string> {
  return isBarSize(text) ? ok(text) : err(`--bar: '${text}' is not one of ${BAR_SIZES.join(', ')}`);
}
