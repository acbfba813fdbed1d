import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

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
});
