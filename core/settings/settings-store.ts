// settings.json: validated on read and on every update, written atomically. A file that cannot
// be read as valid settings is kept aside (settings.corrupt-<time>.json) and defaults are used,
// with a notice for the UI, so a bad hand edit never loses the user's file nor stops the app.
import type { FileStorage } from '../ports/storage.js';
import {
  SettingsPatchSchema,
  SettingsSchema,
  defaultSettings,
  type Settings,
} from '../contract/settings.js';

export const SETTINGS_FILE = 'settings.json';

export type SettingsUpdate =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly message: string };

export class SettingsStore {
  readonly #storage: FileStorage;
  #current: Settings = defaultSettings();

  constructor(storage: FileStorage) {
    this.#storage = storage;
  }

  get current(): Settings {
    return this.#current;
  }

  /** Loads the file; returns a notice for the user when it had to fall back to defaults. */
  async load(now: number): Promise<string | null> {
    const text = await this.#storage.read(SETTINGS_FILE);
    if (text === null) {
      this.#current = defaultSettings();
      return null;
    }
    let problem: string;
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        this.#current = parsed.data;
        return null;
      }
      const issue = parsed.error.issues[0];
      problem = `${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`;
    } catch {
      problem = 'not valid JSON';
    }
    const aside = `settings.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}.json`;
    await this.#storage.rename(SETTINGS_FILE, aside);
    this.#current = defaultSettings();
    await this.#save();
    return `Your settings file could not be used (${problem}). It was kept as ${aside} and defaults were restored.`;
  }

  /** Applies a patch from the UI; nothing changes unless the merged result is valid. */
  async update(patch: unknown): Promise<SettingsUpdate> {
    const keys = SettingsPatchSchema.safeParse(patch);
    if (!keys.success) return { ok: false, message: `Unknown setting: ${keys.error.issues[0]?.message ?? ''}`.trim() };
    const merged = SettingsSchema.safeParse({ ...this.#current, ...(patch as object) });
    if (!merged.success) {
      const issue = merged.error.issues[0];
      return { ok: false, message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
    }
    this.#current = merged.data;
    await this.#save();
    return { ok: true, settings: this.#current };
  }

  async #save(): Promise<void> {
    await this.#storage.writeAtomic(SETTINGS_FILE, `${JSON.stringify(this.#current, null, 2)}\n`);
  }
}
