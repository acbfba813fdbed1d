// Types for the tests that read the rule's tables (layering.js is plain JS for eslint's config).
import type { ESLint } from 'eslint';

export type Layer =
  | 'calendar'
  | 'core-base'
  | 'core-model'
  | 'core-contract'
  | 'core'
  | 'core-adapters'
  | 'sim-engine'
  | 'sim'
  | 'electron'
  | 'cli'
  | 'renderer';

export const PACKAGES: Readonly<Record<Layer, readonly string[]>>;
export function packageOf(spec: string): string;
export const hedgeflowPlugin: ESLint.Plugin;
