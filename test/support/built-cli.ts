// The built `hedgeflow` binary, run the way a user runs `npx hedgeflow ...`. npm test builds
// first (scripts/test-all.sh); a build older than the sources would test yesterday's code, so
// that is an error, not a skip.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/hedgeflow.js');
const BUILT = path.join(ROOT, 'dist/cli/main.js');
const SOURCES = ['cli', 'core', 'calendar', 'sim'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Throws unless dist/ holds a build of the current sources. */
export function assertBuilt(): void {
  const newest = Math.max(...SOURCES.map((d) => newestSource(path.join(ROOT, d))));
  if (!existsSync(BUILT) || statSync(BUILT).mtimeMs < newest) {
    throw new Error('dist/ is missing or older than the sources: run `npm run build:node`');
  }
}

export function spawnCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
}

/** Runs the binary to completion. */
export function runCli(
  args: readonly string[],
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
