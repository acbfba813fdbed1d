// The rule the archive-load test enforces, shared by the ESM resolve hook (loader thread) and the
// CommonJS resolver patch (main thread): a module may come from inside the extracted app.asar
// (and its unpacked natives) and nowhere else, except Node's built-ins, the fake `electron` and
// the test's own runner. Every resolution is appended to a report file synchronously, so the
// record is complete when the import that caused it returns.
import { appendFileSync, realpathSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

export interface RestrictionData {
  /** The extracted archive (real path). */
  readonly root: string;
  /** Files outside it that may load: the runner and the fake electron module (real paths). */
  readonly allowed: readonly string[];
  /** What `electron` resolves to (a file: URL). */
  readonly electronUrl: string;
  /** Archive-relative paths of the files electron-builder unpacked (app.asar.unpacked). */
  readonly unpacked: readonly string[];
  /** Where every resolution is recorded, one JSON line each. */
  readonly reportFile: string;
}

export interface Resolution {
  readonly kind: 'loaded' | 'refused' | 'missing';
  readonly system: 'esm' | 'cjs';
  readonly specifier: string;
  /** The importing module, archive-relative when inside it. */
  readonly parent: string | null;
  /** The resolved file, archive-relative when inside it. */
  readonly file?: string;
  readonly message?: string;
}

export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

function relativeTo(root: string, file: string): string | null {
  const rel = path.relative(root, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? null : rel;
}

/** Archive-relative with forward slashes when inside the archive, else the path as it is. */
export function describe(data: RestrictionData, file: string | null): string | null {
  if (file === null) return null;
  const rel = relativeTo(data.root, file);
  return rel === null ? file : rel.split(path.sep).join('/');
}

/** Why `file` may not load, or null when it may. */
export function refusal(data: RestrictionData, file: string): string | null {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return `${file} does not exist`;
  }
  if (data.allowed.includes(real)) return null;
  const rel = relativeTo(data.root, real);
  if (rel === null) return `${real} is outside app.asar`;
  const inArchive = rel.split(path.sep).join('/');
  // Electron cannot dlopen a native addon from inside the archive: it must be unpacked.
  if (inArchive.endsWith('.node') && !data.unpacked.includes(inArchive)) {
    return `${inArchive} is a native addon packed inside app.asar (it must be in asarUnpack)`;
  }
  return null;
}

export function record(data: RestrictionData, resolution: Resolution): void {
  appendFileSync(data.reportFile, `${JSON.stringify(resolution)}\n`);
}

/** The error Node itself throws for a module it cannot find. */
export function notFound(message: string): Error {
  return Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
}
