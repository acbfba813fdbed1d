// `npm run lint` runs knip with the project's own config (knip.config.ts). This proves that config
// passes the tree as it is and fails it, naming the culprit, once an export or a file nobody
// uses appears: it runs on a copy of the tracked files, so the tree stays untouched.
import { execFile } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const KNIP = path.join(ROOT, 'node_modules/knip/bin/knip.js');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-knip-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Top-level folders that are outputs or caches (.gitignore) or git's own: not copied. */
const NOT_SOURCE = new Set([
  '.git',
  'node_modules',
  'dist',
  'release',
  'release-smoke',
  'test-results',
  'playwright-report',
  '.cache',
]);

/**
 * A copy of the source tree, sharing node_modules. Copied by walking the folder, not by asking
 * git, so the check also runs on a checkout without its .git (an exported tarball).
 */
function copyTree(name: string): string {
  const dir = path.join(scratch, name);
  for (const entry of readdirSync(ROOT)) {
    if (NOT_SOURCE.has(entry)) continue;
    cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

async function knip(cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [KNIP, '--no-progress', '--no-config-hints'],
      { cwd, env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 16 * 1024 * 1024 },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('the dead-code check', () => {
  let tree = '';
  beforeAll(() => {
    tree = copyTree('tree');
  });

  // knip reads the whole program (~5 s alone, more on a loaded machine).
  it('passes the tree as it is', { timeout: 120_000 }, async () => {
    const { code, output } = await knip(tree);
    expect(code, output).toBe(0);
  });

  it(
    'fails an unused export and an unused file, naming each',
    {
      timeout: 120_000,
    },
    async () => {
      // An export added beside a used one, in a module the app imports.
      appendFileSync(
        path.join(tree, 'core/base/error-message.ts'),
        '\nexport function forgottenHelper(): number {\n  return 1;\n}\n',
      );
      // A file nothing imports.
      writeFileSync(path.join(tree, 'core/app/orphan-module.ts'), 'export const ORPHAN = 1;\n');
      const { code, output } = await knip(tree);
      expect(code, output).not.toBe(0);
      expect(output).toMatch(/forgottenHelper\s.*core\/base\/error-message\.ts/);
      expect(output).toContain('core/app/orphan-module.ts');
    },
  );
});
