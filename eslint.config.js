import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { hedgeflowPlugin } from './eslint-rules/layering.js';

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
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='ipcMain'][property.name=/^(handle|on)$/]",
          message: 'Register IPC only through electron/ipc.ts (the typed handler map).',
        },
      ],
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
    rules: { 'no-restricted-syntax': 'off' },
  },
);
