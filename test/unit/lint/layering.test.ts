import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { PACKAGES, packageOf } from '../../../eslint-rules/layering.js';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'hedgeflow/layering')
    .map((m) => m.message);
}

describe('the layering lint rule', () => {
  it("fails a deliberate import 'electron' in core/", async () => {
    const errors = await layeringErrors('core/app/deliberate.ts', "import 'electron';\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/'electron' may only be imported under electron\//);
  });

  it('fails electron imported as a value or with require in core/, sim/, renderer/ and cli/', async () => {
    for (const file of [
      'core/x.ts',
      'sim/engine/x.ts',
      'sim/server/x.ts',
      'renderer/x.ts',
      'cli/x.ts',
    ]) {
      expect(
        await layeringErrors(file, "import { app } from 'electron';\nexport const a = app;\n"),
      ).toHaveLength(1);
      expect(await layeringErrors(file, "export const e = require('electron');\n")).toHaveLength(1);
    }
  });

  it('allows electron under electron/', async () => {
    expect(
      await layeringErrors(
        'electron/x.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).toEqual([]);
  });

  it('keeps Node built-ins behind core/adapters/', async () => {
    expect(
      await layeringErrors(
        'core/app/x.ts',
        "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'core/adapters/x.ts',
        "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n",
      ),
    ).toEqual([]);
    expect(
      await layeringErrors('sim/engine/x.ts', "import fs from 'fs';\nexport const f = fs;\n"),
    ).toHaveLength(1);
  });

  it('lets the renderer import only types from core/contract and values from the formatter', async () => {
    expect(
      await layeringErrors(
        'renderer/lib/x.ts',
        "import type { Snapshot } from '../../core/contract/views.js';\nexport type S = Snapshot;\n",
      ),
    ).toEqual([]);
    expect(
      await layeringErrors(
        'renderer/lib/x.ts',
        "import { formatUsd } from '../../core/contract/format.js';\nexport const f = formatUsd;\n",
      ),
    ).toEqual([]);
    expect(
      await layeringErrors(
        'renderer/lib/x.ts',
        "import { SettingsSchema } from '../../core/contract/settings.js';\nexport const s = SettingsSchema;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'renderer/lib/x.ts',
        "import { HedgeFlowApp } from '../../core/app/hedgeflow-app.js';\nexport const a = HedgeFlowApp;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'renderer/lib/x.ts',
        "import { x } from '../../electron/main.js';\nexport const y = x;\n",
      ),
    ).toHaveLength(1);
  });

  it('never lets core or sim import upward', async () => {
    expect(
      await layeringErrors(
        'core/app/x.ts',
        "import { x } from '../../electron/main.js';\nexport const y = x;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'core/app/x.ts',
        "import { x } from '../../renderer/main.js';\nexport const y = x;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'core/app/x.ts',
        "import { x } from '../../sim/server/index.js';\nexport const y = x;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'sim/engine/x.ts',
        "import { x } from '../../core/app/hedgeflow-app.js';\nexport const y = x;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'core/app/x.ts',
        "import { x } from '../../sim/engine/index.js';\nexport const y = x;\n",
      ),
    ).toEqual([]);
  });

  it('keeps the contract a leaf and the simulator engine pure', async () => {
    const value = (from: string, spec: string) =>
      layeringErrors(from, `import { x } from '${spec}';\nexport const y = x;\n`);
    // core/contract imports only itself and core/model
    expect(await value('core/contract/x.ts', '../app/hedgeflow-app.js')).toHaveLength(1);
    expect(await value('core/contract/x.ts', '../../sim/engine/index.js')).toHaveLength(1);
    expect(await value('core/contract/x.ts', '../model/flow.js')).toEqual([]);
    // sim/engine imports only itself; sim/server may use it, never the other way round
    expect(await value('sim/engine/x.ts', '../server/index.js')).toHaveLength(1);
    expect(await value('sim/server/x.ts', '../engine/index.js')).toEqual([]);
    expect(await value('sim/server/x.ts', '../../core/app/hedgeflow-app.js')).toHaveLength(1);
    // core/ and sim/ never reach the front ends
    expect(await value('core/detect/x.ts', '../../cli/main.js')).toHaveLength(1);
    expect(await value('sim/server/x.ts', '../../electron/main.js')).toHaveLength(1);
  });

  it('keeps the calendar a leaf that the app and the simulator both import', async () => {
    const value = (from: string, spec: string) =>
      layeringErrors(from, `import { x } from '${spec}';\nexport const y = x;\n`);
    // calendar/ imports only itself: not the app, not the simulator, not the front ends
    expect(await value('calendar/x.ts', './ny-time.js')).toEqual([]);
    for (const spec of [
      '../core/app/hedgeflow-app.js',
      '../core/model/flow.js',
      '../core/contract/views.js',
      '../sim/engine/index.js',
      '../sim/server/index.js',
      '../cli/main.js',
      '../electron/main.js',
    ]) {
      expect(await value('calendar/x.ts', spec), spec).toHaveLength(1);
    }
    // ...no package and no Node built-in (New York time comes from Intl)
    expect(await value('calendar/x.ts', 'zod')).toHaveLength(1);
    expect(await value('calendar/x.ts', 'node:fs')).toHaveLength(1);
    // both the app and the simulator import it, and so do the front ends
    for (const from of [
      'core/app/x.ts',
      'core/plan/x.ts',
      'core/adapters/x.ts',
      'sim/engine/model/x.ts',
      'sim/server/x.ts',
      'cli/x.ts',
      'electron/x.ts',
    ]) {
      const up = '../'.repeat(from.split('/').length - 1);
      expect(await value(from, `${up}calendar/index.js`), from).toEqual([]);
    }
    // the leaves below the app and the renderer stay without it
    expect(await value('core/contract/x.ts', '../../calendar/index.js')).toHaveLength(1);
    expect(await value('core/model/x.ts', '../../calendar/index.js')).toHaveLength(1);
    expect(await value('renderer/lib/x.ts', '../../calendar/index.js')).toHaveLength(1);
  });

  it('lets every layer import core/base, and core/base import nothing else', async () => {
    const value = (from: string, spec: string) =>
      layeringErrors(from, `import { x } from '${spec}';\nexport const y = x;\n`);
    const from = {
      'core/model/x.ts': '../base/result.js',
      'core/contract/x.ts': '../base/result.js',
      'core/app/x.ts': '../base/error-message.js',
      'core/adapters/x.ts': '../base/error-message.js',
      'sim/engine/api/x.ts': '../../../core/base/result.js',
      'sim/server/x.ts': '../../core/base/error-message.js',
      'electron/x.ts': '../core/base/error-message.js',
      'cli/x.ts': '../core/base/error-message.js',
      // Values too: core/base is pure, so the renderer needs no allow-list for it.
      'renderer/lib/x.ts': '../../core/base/result.js',
    };
    for (const [file, spec] of Object.entries(from)) {
      expect(await value(file, spec), file).toEqual([]);
    }
    // It is the bottom: no domain, no contract, no simulator, no package, no Node.
    for (const spec of [
      '../model/flow.js',
      '../contract/result.js',
      '../app/hedgeflow-app.js',
      '../../sim/engine/index.js',
      'zod',
      'node:util',
    ]) {
      expect(await value('core/base/x.ts', spec), spec).toHaveLength(1);
    }
    expect(await value('core/base/x.ts', './result.js')).toEqual([]);
    // Through core/base, sim/ still reaches nothing of the app.
    expect(await value('sim/engine/x.ts', '../../core/model/flow.js')).toHaveLength(1);
  });

  it('catches electron however it is imported: dynamic import, re-export, subpath', async () => {
    for (const code of [
      "export const load = () => import('electron');\n",
      "export * from 'electron';\n",
      "export { app } from 'electron';\n",
      "import 'electron/main';\n",
      "import type { App } from 'electron';\nexport type A = App;\n",
    ]) {
      expect(await layeringErrors('core/app/x.ts', code), code).toHaveLength(1);
    }
  });

  it('holds in Svelte components: the renderer reaches only the contract and its own files', async () => {
    const component = (script: string) =>
      layeringErrors('renderer/components/X.svelte', `<script lang="ts">\n${script}\n</script>\n`);
    expect(await component("import { app } from 'electron';\nconsole.log(app);")).toHaveLength(1);
    expect(
      await component("import { readFile } from 'node:fs';\nconsole.log(readFile);"),
    ).toHaveLength(1);
    expect(
      await component(
        "import { AlertEngine } from '../../core/alerts/engine.js';\nconsole.log(AlertEngine);",
      ),
    ).toHaveLength(1);
    expect(
      await component(
        "import { createSimulator } from '../../sim/engine/index.js';\nconsole.log(createSimulator);",
      ),
    ).toHaveLength(1);
    expect(
      await component(
        "import type { SymbolView } from '../../core/contract/views.js';\nimport { formatUsd } from '../../core/contract/format.js';\nimport Row from './Row.svelte';\nconst v: SymbolView | null = null;\nconsole.log(formatUsd, Row, v);",
      ),
    ).toEqual([]);
  });

  describe('packages', () => {
    const value = (file: string, spec: string) =>
      layeringErrors(file, `import { x } from '${spec}';\nexport const y = x;\n`);

    it('fails chart.js in core/, however it is imported', async () => {
      for (const code of [
        "import { Chart } from 'chart.js';\nexport const c = Chart;\n",
        "import type { Chart } from 'chart.js';\nexport type C = Chart;\n",
        "import Chart from 'chart.js/auto';\nexport const c = Chart;\n",
        "export const load = () => import('chart.js');\n",
        "export const c = require('chart.js');\n",
        "export { Chart } from 'chart.js';\n",
        "export * from 'chart.js/helpers';\n",
      ]) {
        const errors = await layeringErrors('core/app/x.ts', code);
        expect(errors, code).toHaveLength(1);
        expect(errors[0]).toMatch(
          /core may not import the package 'chart\.js' \(it may import: zod, semver\)/,
        );
      }
    });

    it('lets core/ and sim/engine/ import zod and nothing else', async () => {
      for (const file of ['core/app/x.ts', 'core/contract/x.ts', 'sim/engine/api/x.ts']) {
        expect(await value(file, 'zod'), file).toEqual([]);
        for (const spec of ['svelte', 'express', '@napi-rs/keyring', 'lodash/fp']) {
          expect(await value(file, spec), `${spec} in ${file}`).toHaveLength(1);
        }
      }
      // The domain types import nothing at all.
      expect(await value('core/model/x.ts', 'zod')).toHaveLength(1);
    });

    it('keeps the keychain binding in core/adapters/', async () => {
      expect(await value('core/adapters/x.ts', '@napi-rs/keyring')).toEqual([]);
      expect(await value('core/app/x.ts', '@napi-rs/keyring')).toHaveLength(1);
      expect(await value('cli/x.ts', '@napi-rs/keyring')).toHaveLength(1);
    });

    it('gives the renderer its UI packages only', async () => {
      for (const spec of ['svelte', 'svelte/reactivity', 'chart.js', 'chart.js/auto']) {
        expect(await value('renderer/lib/x.ts', spec), spec).toEqual([]);
      }
      for (const spec of ['zod', '@napi-rs/keyring', 'd3']) {
        expect(await value('renderer/lib/x.ts', spec), spec).toHaveLength(1);
      }
      const component = (script: string) =>
        layeringErrors(
          'renderer/components/X.svelte',
          `<script lang="ts">\n${script}\n</script>\n`,
        );
      expect(await component("import { z } from 'zod';\nconsole.log(z);")).toHaveLength(1);
      expect(await component("import { onMount } from 'svelte';\nconsole.log(onMount);")).toEqual(
        [],
      );
    });

    it('holds electron/, cli/ and sim/server/ to what they import today', async () => {
      expect(await value('electron/x.ts', 'zod')).toHaveLength(1);
      expect(await value('electron/x.ts', 'electron-updater')).toHaveLength(1);
      expect(await value('cli/x.ts', 'zod')).toEqual([]);
      expect(await value('cli/x.ts', 'commander')).toHaveLength(1);
      expect(await value('sim/server/x.ts', 'express')).toHaveLength(1);
      expect(await value('sim/server/x.ts', 'zod')).toHaveLength(1);
      // Node built-ins keep their own rule.
      expect(await value('sim/server/x.ts', 'node:http')).toEqual([]);
      expect(await value('cli/x.ts', 'node:fs')).toEqual([]);
    });

    it('leaves tests, benches and tooling free to use their dev packages', async () => {
      for (const file of [
        'test/unit/x.test.ts',
        'test/e2e/x.spec.ts',
        'bench/x.bench.ts',
        'scripts/x.js',
        'vite.x.config.ts',
      ]) {
        expect(await value(file, 'chart.js'), file).toEqual([]);
        expect(await value(file, 'vitest'), file).toEqual([]);
      }
    });

    it('names a package by its first segment, or two when scoped', () => {
      expect(packageOf('chart.js/auto')).toBe('chart.js');
      expect(packageOf('@napi-rs/keyring')).toBe('@napi-rs/keyring');
      expect(packageOf('@scope/name/deep/path.js')).toBe('@scope/name');
      expect(packageOf('zod')).toBe('zod');
    });

    it('allows Node-run layers only packages the installed app ships (runtime dependencies)', () => {
      const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
        devDependencies: Record<string, string>;
      };
      const runtime = new Set([...Object.keys(manifest.dependencies), 'electron']);
      const known = new Set([...runtime, ...Object.keys(manifest.devDependencies)]);
      for (const [layer, packages] of Object.entries(PACKAGES)) {
        for (const pkg of packages) {
          // The renderer is bundled by vite: its packages only need to be installed.
          expect(layer === 'renderer' ? known : runtime, `${pkg} in ${layer}`).toContain(pkg);
        }
      }
    });
  });
});
