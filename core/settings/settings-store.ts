// settings.json: validated on read and on every update, written atomically (temp file +
// rename, by the FileStorage port). A file that cannot be read (permissions, I/O error) or is
// not valid settings is set aside first (settings.unreadable-<time>.json,
// settings.corrupt-<time>.json) and defaults are used, with a notice for the UI; when it cannot
// be set aside, saving is refused and the notice says why. So neither a bad hand edit nor a
// failing disk ever loses the user's file, nor stops the app. Writes are queued, so two quick
// updates can never land on disk in the wrong order.
import { messageOf } from '../base/error-message.js';
import { err, ok, type Result } from '../base/result.js';
import type { FileStorage } from '../ports/storage.js';
import {
  SettingsPatchSchema,
  SettingsSchema,
  defaultSettings,
  type ChannelConfig,
  type Settings,
} from '../contract/settings.js';

export const SETTINGS_FILE = 'settings.json';

/** The settings as saved, or why nothing changed (a message for the user). */
export type SettingsUpdate = Result<Settings, string>;

/** The first problem zod found, as "symbols.2: A symbol is 1-6 letters...". */
function describeIssue(error: { issues: readonly { path: PropertyKey[]; message: string }[] }) {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

const REFUSED =
  'Settings cannot be saved: your settings file could not be read, and saving would overwrite it. Check its permissions or move it away, then restart HedgeFlow.';

export class SettingsStore {
  readonly #storage: FileStorage;
  #current: Settings = defaultSettings();
  #writes: Promise<void> = Promise.resolve();
  /** Set when the file on disk could be neither read nor set aside: saving would lose it. */
  #readOnly = false;

  constructor(storage: FileStorage) {
    this.#storage = storage;
  }

  get current(): Settings {
    return this.#current;
  }

  /** Loads the file; returns a notice for the user when it had to fall back to defaults. */
  async load(now: number): Promise<string | null> {
    this.#current = defaultSettings();
    this.#readOnly = false;
    let text: string | null;
    try {
      text = await this.#storage.read(SETTINGS_FILE);
    } catch (error) {
      const why = messageOf(error);
      const aside = await this.#setAside('unreadable', now);
      if (!aside.ok) {
        this.#readOnly = true;
        return `Your settings file could not be read (${why}) nor set aside (${aside.error}); defaults are in use. Changes are not saved, so the file is not overwritten: check its permissions or move it away, then restart HedgeFlow.`;
      }
      return `Your settings file could not be read (${why}). It was set aside as ${aside.value}; defaults are in use, and changes are saved to a new file.`;
    }
    if (text === null) return null;
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
    const aside = await this.#setAside('corrupt', now);
    if (!aside.ok) {
      this.#readOnly = true;
      return `Your settings file could not be used (${problem}) nor set aside (${aside.error}); defaults are in use. Changes are not saved, so the file is not overwritten.`;
    }
    try {
      await this.#save();
    } catch (error) {
      return `Your settings file could not be used (${problem}). It was kept as ${aside.value}; defaults are in use but could not be saved (${messageOf(error)}).`;
    }
    return `Your settings file could not be used (${problem}). It was kept as ${aside.value} and defaults were restored.`;
  }

  /**
   * Renames settings.json to a name no other file has (the user's file is never replaced): the
   * name it got, or why it could not be renamed.
   */
  async #setAside(kind: 'unreadable' | 'corrupt', now: number): Promise<Result<string, string>> {
    const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
    try {
      const taken = new Set(await this.#storage.list(''));
      let name = `settings.${kind}-${stamp}.json`;
      for (let n = 2; taken.has(name); n++) name = `settings.${kind}-${stamp}-${n}.json`;
      await this.#storage.rename(SETTINGS_FILE, name);
      return ok(name);
    } catch (error) {
      return err(messageOf(error));
    }
  }

  /** Applies a patch from the UI; nothing changes unless the merged result is valid and saved. */
  async update(patch: unknown): Promise<SettingsUpdate> {
    if (this.#readOnly) return err(REFUSED);
    const keys = SettingsPatchSchema.safeParse(patch);
    if (!keys.success) return err(`Unknown setting: ${describeIssue(keys.error)}`);
    const merged = SettingsSchema.safeParse({ ...this.#current, ...(patch as object) });
    if (!merged.success) return err(describeIssue(merged.error));
    return this.#commit(merged.data);
  }

  /**
   * Replaces the alert channels (a section UI patches may not touch: a channel's keychain entry
   * changes with it, through the channel service). Validated and saved like any update.
   */
  async setChannels(channels: readonly ChannelConfig[]): Promise<SettingsUpdate> {
    const merged = SettingsSchema.safeParse({ ...this.#current, channels });
    if (!merged.success) return err(describeIssue(merged.error));
    return this.#commit(merged.data);
  }

  async #commit(next: Settings): Promise<SettingsUpdate> {
    const previous = this.#current;
    this.#current = next;
    try {
      await this.#save();
    } catch (error) {
      this.#current = previous;
      return err(`Settings could not be saved (${messageOf(error)}).`);
    }
    return ok(this.#current);
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
