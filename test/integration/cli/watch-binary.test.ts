// `npx hedgeflow watch --demo --symbols SPY --json`, the built binary: the first `bars` line
// arrives within 10 seconds, every line is one JSON object, and logs stay off stdout.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, spawnCli } from '../../support/built-cli.js';

beforeAll(() => assertBuilt());

describe('hedgeflow watch, the built binary', () => {
  it('prints a bars line for SPY within 10 seconds of starting, one JSON object per line', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'hedgeflow-watch-'));
    const started = Date.now();
    const child = spawnCli(['watch', '--demo', '--symbols', 'SPY', '--json'], {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: path.join(home, 'data'),
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const bars = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no bars line in 10 s; stderr: ${stderr}`)),
        10_000,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        for (const line of stdout.split('\n').slice(0, -1)) {
          const event = JSON.parse(line) as Record<string, unknown>;
          if (event.type === 'bars') {
            clearTimeout(timer);
            resolve(event);
          }
        }
      });
      child.on('exit', (code) =>
        reject(new Error(`watch exited (${code}) early; stderr: ${stderr}`)),
      );
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(bars).toMatchObject({ type: 'bars', symbol: 'SPY', barSize: '1m' });
    expect(Array.isArray(bars.bars) && bars.bars.length > 0).toBe(true);
    const types = stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types[0]).toBe('status');
    expect(types.every((t) => ['status', 'bars', 'alert'].includes(t))).toBe(true);

    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 20_000);
});
