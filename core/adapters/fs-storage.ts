import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FileStorage } from '../ports/storage.js';

/**
 * Files under `root`. Replacing writes go to a temp file that is flushed to disk and renamed
 * into place, so a crash leaves either the old file or the new one, never half of either.
 */
export function fsStorage(root: string): FileStorage {
  // Absolute and normalised once: `--data-dir data` (relative) or a trailing slash must not
  // make every path look like it escapes the folder.
  const base = path.resolve(root);
  const resolve = (rel: string): string => {
    const full = path.resolve(base, rel);
    if (full !== base && !full.startsWith(base + path.sep)) {
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
      try {
        const handle = await open(tmp, 'w', 0o600);
        try {
          await handle.writeFile(text, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(tmp, file);
      } catch (error) {
        // A full disk or a failed rename must not leave temp files piling up beside the file.
        await rm(tmp, { force: true }).catch(() => undefined);
        throw error;
      }
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
