// settings.json: validated on read and on every update, written atomically (temp file +
// rename, by the FileStorage port). A file that cannot be read as valid settings is kept aside
// (settings.corrupt-<time>.json) and defaults are used, with a notice for the UI, so a bad
// hand edit never loses the user's file nor stops the app. Writes are queued, so two quick
// updates can never land on disk in the wrong order.
import type { FileStorage } from '../ports/storage.js';
import {
  SettingsPatchSchema,
  SettingsSchema,
  defaultSettings,
  type ChannelConfig,
  type Settings,
} from '../contract/settings.js';

export const SETTINGS_FILE = 'settings.json';

export type SettingsUpdate =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly message: string };

/** The first problem zod found, as "symbols.2: A symbol is 1-6 letters...". */
function describeIssue(error: { issues: readonly { path: PropertyKey[]; message: string }[] }) {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

export class SettingsStore {
  readonly #storage: FileStorage;
  #current: Settings = defaultSettings();
  #writes: Promise<void> = Promise.resolve();

  constructor(storage: FileStorage) {
    this.#storage = storage;
  }

  get current(): Settings {
    return this.#current;
  }

  /** Loads the file; returns a notice for the user when it had to fall back to defaults. */
  async load(now: number): Promise<string | null> {
    let text: string | null;
    try {
      text = await this.#storage.read(SETTINGS_FILE);
    } catch (error) {
      this.#current = defaultSettings();
      const why = error instanceof Error ? error.message : String(error);
      return `Your settings file could not be read (${why}); defaults are in use until it can.`;
    }
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
      problem = describeIssue(parsed.error);
    } catch {
      problem = 'not valid JSON';
    }
    const aside = `settings.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}.json`;
    this.#current = defaultSettings();
    try {
      await this.#storage.rename(SETTINGS_FILE, aside);
      await this.#save();
    } catch {
      return `Your settings file could not be used (${problem}) nor set aside; defaults are in use.`;
    }
    return `Your settings file could not be used (${problem}). It was kept as ${aside} and defaults were restored.`;
  }

  /** Applies a patch from the UI; nothing changes unless the merged result is valid and saved. */
  async update(patch: unknown): Promise<SettingsUpdate> {
    const keys = SettingsPatchSchema.safeParse(patch);
    if (!keys.success)
      return { ok: false, message: `Unknown setting: ${describeIssue(keys.error)}` };
    const merged = SettingsSchema.safeParse({ ...this.#current, ...(patch as object) });
    if (!merged.success) return { ok: false, message: describeIssue(merged.error) };
    return this.#commit(merged.data);
  }

  /**
   * Replaces the alert channels (a section UI patches may not touch: a channel's keychain entry
   * changes with it, through the channel service). Validated and saved like any update.
   */
  async setChannels(channels: readonly ChannelConfig[]): Promise<SettingsUpdate> {
    const merged = SettingsSchema.safeParse({ ...this.#current, channels });
    if (!merged.success) return { ok: false, message: describeIssue(merged.error) };
    return this.#commit(merged.data);
  }

  async #commit(next: Settings): Promise<SettingsUpdate> {
    const previous = this.#current;
    this.#current = next;
    try {
      await this.#save();
    } catch (error) {
      this.#current = previous;
      const why = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `Settings could not be saved (${why}).` };
    }
    return { ok: true, settings: this.#current };
  }

  /** Queues a write of the settings as they are when the write runs. */
  #save(): Promise<void> {
    const write = this.#writes.then(() =>
      this.#storage.writeAtomic(SETTINGS_FILE, `${JSON.stringify(this.#current, null, 2)}\n`),
    );
    this.#writes = write.catch(() => {});
    return write;
  }
}
