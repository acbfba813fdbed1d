import { randomBytes } from 'node:crypto';
import {
  appendFile,
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  rm,
} from 'node:fs/promises';
import path from 'node:path';
import type { FileStorage } from '../ports/storage.js';

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

function inside(base: string, full: string): boolean {
  return full === base || full.startsWith(base + path.sep);
}

/**
 * Files under `root`. Replacing writes go to a temp file that is flushed to disk and renamed
 * into place, so a crash leaves either the old file or the new one, never half of either.
 *
 * Writes (append, replace, rename, remove) never go through a symbolic link that leaves the
 * folder: every existing component of the path inside it is checked with lstat, and a link is
 * followed (realpath) only to see that it stays inside. A history folder linked to /etc would
 * otherwise receive appends. Reads may follow any link: reading cannot harm. The check and the
 * write are two steps; the folder is the user's own, and the check guards against a mistake or
 * a planted link, not against a process racing us with the user's rights.
 */
export function fsStorage(root: string): FileStorage {
  // Absolute and normalised once: `--data-dir data` (relative) or a trailing slash must not
  // make every path look like it escapes the folder.
  const base = path.resolve(root);
  const resolve = (rel: string): string => {
    const full = path.resolve(base, rel);
    if (!inside(base, full)) {
      throw new Error(`path escapes the data folder: ${rel}`);
    }
    return full;
  };

  /** Throws when writing to `full` would follow a link out of the folder. */
  const checkLinks = async (full: string): Promise<void> => {
    let realBase: string;
    try {
      realBase = await realpath(base);
    } catch (error) {
      if (isNotFound(error)) return; // nothing inside exists yet: no link to follow
      throw error;
    }
    let current = base;
    for (const part of path.relative(base, full).split(path.sep).filter(Boolean)) {
      current = path.join(current, part);
      let stat;
      try {
        stat = await lstat(current);
      } catch (error) {
        if (isNotFound(error)) return; // the rest of the path does not exist yet
        throw error;
      }
      if (!stat.isSymbolicLink()) continue;
      const target = await realpath(current).catch(() => null);
      if (target === null || !inside(realBase, target)) {
        const to = await readlink(current).catch(() => '?');
        const rel = path.relative(base, current);
        throw new Error(
          `refusing to write ${path.relative(base, full)}: ${rel} is a link to ${to}, which leaves the data folder`,
        );
      }
    }
  };

  const forWrite = async (rel: string): Promise<string> => {
    const full = resolve(rel);
    await checkLinks(full);
    return full;
  };
  const ensureDir = (file: string) => mkdir(path.dirname(file), { recursive: true });
  return {
    async read(rel) {
      try {
        return await readFile(resolve(rel), 'utf8');
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async writeAtomic(rel, text) {
      const file = await forWrite(rel);
      await ensureDir(file);
      const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        // 'wx': never open an existing file (or a link planted under the temp name).
        const handle = await open(tmp, 'wx', 0o600);
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
      const file = await forWrite(rel);
      await ensureDir(file);
      await appendFile(file, text, { encoding: 'utf8', mode: 0o600 });
    },
    async list(rel) {
      try {
        return (await readdir(resolve(rel))).sort();
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
    },
    async remove(rel) {
      await rm(await forWrite(rel), { force: true, recursive: true });
    },
    async rename(from, to) {
      const source = await forWrite(from);
      const dest = await forWrite(to);
      await ensureDir(dest);
      await rename(source, dest);
    },
  };
}
