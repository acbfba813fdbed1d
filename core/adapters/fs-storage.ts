import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileStorage } from '../ports/storage.js';

/** Files under `root`. Replacing writes go to a temp file that is renamed into place. */
export function fsStorage(root: string): FileStorage {
  const resolve = (rel: string): string => {
    const full = path.resolve(root, rel);
    if (full !== root && !full.startsWith(root + path.sep)) {
      throw new Error(`path escapes the data folder: ${rel}`);
    }
    return full;
  };
  const ensureDir = (file: string) => mkdir(path.dirname(file), { recursive: true });
  return {
    async read(rel) {
      try {
        return await readFile(resolve(rel), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async writeAtomic(rel, text) {
      const file = resolve(rel);
      await ensureDir(file);
      const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(tmp, text, { encoding: 'utf8', mode: 0o600 });
      await rename(tmp, file);
    },
    async append(rel, text) {
      const file = resolve(rel);
      await ensureDir(file);
      await appendFile(file, text, { encoding: 'utf8', mode: 0o600 });
    },
    async list(rel) {
      try {
        return (await readdir(resolve(rel))).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    async remove(rel) {
      await rm(resolve(rel), { force: true, recursive: true });
    },
    async rename(from, to) {
      const dest = resolve(to);
      await ensureDir(dest);
      await rename(resolve(from), dest);
    },
  };
}
