import type { FileStorage } from '../ports/storage.js';

/** Files in a Map: for tests and for `hedgeflow watch --no-history`. */
export class MemoryStorage implements FileStorage {
  readonly files = new Map<string, string>();

  async read(path: string): Promise<string | null> {
    return this.files.get(path) ?? null;
  }

  async writeAtomic(path: string, text: string): Promise<void> {
    this.files.set(path, text);
  }

  async append(path: string, text: string): Promise<void> {
    this.files.set(path, (this.files.get(path) ?? '') + text);
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir === '' || dir === '.' ? '' : `${dir.replace(/\/$/, '')}/`;
    const names = new Set<string>();
    for (const p of this.files.keys()) {
      if (p.startsWith(prefix)) {
        const rest = p.slice(prefix.length);
        if (!rest.includes('/')) names.add(rest);
      }
    }
    return [...names].sort();
  }

  async remove(path: string): Promise<void> {
    this.files.delete(path);
  }

  async rename(from: string, to: string): Promise<void> {
    const text = this.files.get(from);
    if (text === undefined) throw new Error(`no such file: ${from}`);
    this.files.delete(from);
    this.files.set(to, text);
  }
}
