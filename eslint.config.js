import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { hedgeflowPlugin } from './eslint-rules/layering.js';

const IPC_ONLY_THROUGH_THE_MAP = {
  selector: "MemberExpression[object.name='ipcMain'][property.name=/^(handle|on)$/]",
  message: 'Register IPC only through electron/ipc.ts (the typed handler map).',
};

// The shared mechanisms of core/base (docs/architecture.md, Layers), kept the only way.
const ONE_ERROR_MESSAGE = {
  selector: "ConditionalExpression[test.operator='instanceof'][test.right.name='Error']",
  message:
    'Turn a caught value into text with messageOf (or stackOf) from core/base/error-message.ts.',
};
const ONE_RESULT = {
  selector: "TSPropertySignature[key.name='ok'] > TSTypeAnnotation > TSLiteralType",
  message:
    'Use Result<T, E> with ok()/err() from core/base/result.ts, not an ad-hoc { ok: true } | { ok: false } shape.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'release-smoke/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { hedgeflow: hedgeflowPlugin },
    rules: {
      'hedgeflow/layering': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', IPC_ONLY_THROUGH_THE_MAP],
    },
  },
  {
    files: ['{core,cli,electron,sim,renderer}/**/*.{ts,svelte}'],
    rules: { 'no-restricted-syntax': ['error', IPC_ONLY_THROUGH_THE_MAP, ONE_ERROR_MESSAGE] },
  },
  {
    // The renderer's own view states are not results of a call; the rule holds where results are.
    files: ['{core,cli,electron,sim}/**/*.ts'],
    ignores: ['core/base/**'],
    rules: {
      'no-restricted-syntax': ['error', IPC_ONLY_THROUGH_THE_MAP, ONE_ERROR_MESSAGE, ONE_RESULT],
    },
  },
  {
    files: ['renderer/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    files: ['electron/ipc.ts'],
    rules: { 'no-restricted-syntax': ['error', ONE_ERROR_MESSAGE, ONE_RESULT] },
  },
);
