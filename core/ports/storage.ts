/**
 * Files under the app's data folder. Paths are relative, '/'-separated, and never leave the
 * folder. Writes that replace a file are atomic (temp file + rename).
 */
export interface FileStorage {
  /** The file's text, or null when it does not exist. */
  read(path: string): Promise<string | null>;
  writeAtomic(path: string, text: string): Promise<void>;
  append(path: string, text: string): Promise<void>;
  /** File names directly inside `dir` (empty when it does not exist). */
  list(dir: string): Promise<string[]>;
  remove(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}
