// The settings as main validated them. Every change goes through `updateSettings` (top-level
// sections replaced whole); main's answer is either the new settings or the reason it refused,
// which the section that asked shows next to its inputs.
import type { HedgeflowApi } from '../../core/contract/bridge.js';
import type { Settings, SettingsPatch } from '../../core/contract/index.js';

export type SaveResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

export class SettingsState {
  readonly #api: HedgeflowApi;
  current = $state.raw<Settings | null>(null);
  loadError = $state<string | null>(null);

  constructor(api: HedgeflowApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    const result = await this.#api.getSettings();
    if (result.ok) {
      this.current = result.value;
      this.loadError = null;
    } else {
      this.loadError = result.error.message;
    }
  }

  async save(patch: SettingsPatch): Promise<SaveResult> {
    const result = await this.#api.updateSettings(patch);
    if (!result.ok) return { ok: false, message: result.error.message };
    this.current = result.value;
    return { ok: true };
  }
}

/**
 * Main's validation messages carry the path of the offending field ("symbols.3: A symbol is
 * ..."); inside the section that owns the field the path is noise.
 */
export function withoutPath(message: string, section: string): string {
  const match = new RegExp(`^${section}(\\.[\\w.]+)?: `).exec(message);
  return match ? message.slice(match[0].length) : message;
}
