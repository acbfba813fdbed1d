// A Linux desktop with no Secret Service (no keyring daemon, or no session bus at all): the
// keychain adapter must say "unavailable" and keep the key nowhere. @napi-rs/keyring would
// otherwise fall back to the kernel keyring (memory only, gone at reboot) and report success.
// The library keeps its D-Bus connection per process, so this runs in a fresh process whose
// bus address leads nowhere: the situation of a user's machine, not a trick on this one.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT } from '../../support/built-cli.js';

const ADAPTER = pathToFileURL(path.join(ROOT, 'dist/core/adapters/keyring-secret-store.js')).href;
const SECRET = 'fa_live_never_kept_5150';

const SCRIPT = `
const { keyringSecretStore } = await import(${JSON.stringify(ADAPTER)});
const store = keyringSecretStore('HedgeFlow-test-nobus-' + process.pid, 'flashalpha-api-key');
const outcomes = [];
for (const [name, op] of [['set', () => store.set(${JSON.stringify(SECRET)})], ['get', () => store.get()], ['delete', () => store.delete()]]) {
  try { outcomes.push({ name, ok: true, value: await op() ?? null }); }
  catch (error) { outcomes.push({ name, ok: false, type: error.name, message: error.message }); }
}
process.stdout.write(JSON.stringify(outcomes));
`;

function runWithoutBus(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/hedgeflow-test-bus',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(() => assertBuilt());

if (process.platform !== 'linux') {
  console.warn(
    `[keychain] SKIPPED no-secret-service: the Secret Service and its kernel-keyring fallback exist only on Linux (this is ${process.platform})`,
  );
}

describe.runIf(process.platform === 'linux')('the keychain adapter with no Secret Service', () => {
  it('refuses to store, read or delete the key, says the keychain is unavailable, and never echoes it', async () => {
    const { code, stdout, stderr } = await runWithoutBus();
    expect(code, stderr).toBe(0);
    const outcomes = JSON.parse(stdout) as {
      name: string;
      ok: boolean;
      type?: string;
      message?: string;
    }[];
    expect(outcomes.map((o) => o.name)).toEqual(['set', 'get', 'delete']);
    for (const o of outcomes) {
      expect(o, `${o.name} must fail, not fall back to another store`).toMatchObject({
        ok: false,
        type: 'SecretStoreUnavailableError',
      });
      expect(o.message).toMatch(/^The system keychain is not available \(.+\)\.$/);
      // The Secret Service's own failure, not the kernel keyring's: the store is pinned. (This
      // sandbox also forbids the kernel keyring, so an unpinned adapter fails too, but with
      // "Couldn't access platform storage"; on a desktop it would silently succeed.)
      expect(o.message).toMatch(/DBus error/);
      expect(o.message).not.toContain(SECRET);
    }
  });
});
