// Types for the tests that read the rule's tables (layering.js is plain JS for eslint's config).
import type { ESLint, Rule } from 'eslint';

export type Layer =
  | 'calendar'
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
export function layerOf(rel: string): Layer | null;
export const layeringRule: Rule.RuleModule;
export const hedgeflowPlugin: ESLint.Plugin;
