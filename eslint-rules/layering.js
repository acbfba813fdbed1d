// The layering of docs/architecture.md, enforced mechanically:
//
//   cli ─┐
//        ├─> core ──> sim/engine        renderer ──> core/contract, core/model (types; values
//   electron ┘                                         only from the allow-listed pure modules)
//   sim/server ──> sim/engine           core/contract ──> core/model (leaf)
//
//   calendar/ (leaf): the NYSE calendar and New York time. core/, sim/, cli/ and electron/ may
//   import it; it imports nothing but itself, so neither the app nor the simulator owns it.
// Below them all, core/base: the domain-free mechanisms (Result, messageOf) every layer may
// import, values included; it imports nothing but itself.
//
// Nothing imports electron/, renderer/ or cli/ from outside. `electron` itself is importable
// only under electron/. Node built-ins are allowed in core/ only under core/adapters/, never in
// calendar/, sim/engine/ or renderer/. Packages: each layer imports only the packages it lists
// below, so a chart library in core/ or a server framework in sim/engine/ fails lint, not
// review. Test files, benches and tooling (test/, bench/, scripts/, configs) are not layered;
// renderer/bench/ runs in the renderer and follows its rules.
import path from 'node:path';
import { builtinModules } from 'node:module';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * The packages (and their subpaths) each layer may import. Adding one is a design decision:
 * write it down in docs/architecture.md ("Layers") with the reason. The Node-run layers' packages
 * must be runtime `dependencies` (test/unit/lint/layering.test.ts checks it); the renderer's are
 * bundled, so they may be devDependencies.
 */
export const PACKAGES = {
  calendar: [],
  'core-base': [],
  'core-model': [],
  'core-contract': ['zod'],
  core: ['zod', 'semver'],
  'core-adapters': ['zod', '@napi-rs/keyring'],
  'sim-engine': ['zod'],
  sim: [],
  electron: ['electron'],
  cli: ['zod'],
  renderer: ['svelte', 'chart.js'],
};

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
export function packageOf(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Renderer value imports (not `import type`) from core/contract and core/model may only reach
 * these pure modules. core/base needs no list: it imports nothing, so all of it is pure.
 */
const RENDERER_VALUE_ALLOWED = new Set(['core/contract/format.ts', 'core/model/flow.ts']);

/** The layer a repository-relative path belongs to, or null when it is not layered. */
function layerOf(rel) {
  const p = rel.split(path.sep).join('/');
  if (p.startsWith('calendar/')) return 'calendar';
  if (p.startsWith('core/base/')) return 'core-base';
  if (p.startsWith('core/adapters/')) return 'core-adapters';
  if (p.startsWith('core/contract/')) return 'core-contract';
  if (p.startsWith('core/model/')) return 'core-model';
  if (p.startsWith('core/')) return 'core';
  if (p.startsWith('sim/engine/')) return 'sim-engine';
  if (p.startsWith('sim/')) return 'sim';
  if (p.startsWith('electron/')) return 'electron';
  if (p.startsWith('renderer/')) return 'renderer';
  if (p.startsWith('cli/')) return 'cli';
  return null;
}

/** Which target layers each layer may import. */
const BASE = ['core-base'];
/** The app (core and its leaves, adapters, the engine) that the front ends compose. */
const APP = [
  'core',
  'core-contract',
  'core-model',
  'core-adapters',
  'calendar',
  'sim-engine',
  ...BASE,
];
const ALLOWED = {
  calendar: ['calendar'],
  'core-base': BASE,
  'core-model': ['core-model', ...BASE],
  'core-contract': ['core-contract', 'core-model', ...BASE],
  core: ['core', 'core-contract', 'core-model', 'calendar', 'sim-engine', ...BASE],
  'core-adapters': APP,
  'sim-engine': ['sim-engine', 'calendar', ...BASE],
  sim: ['sim', 'sim-engine', 'calendar', ...BASE],
  electron: ['electron', ...APP],
  cli: ['cli', 'sim', ...APP],
  renderer: ['renderer', 'core-contract', 'core-model', ...BASE],
};

const NODE_ALLOWED = new Set(['core-adapters', 'sim', 'electron', 'cli']);

function normalizeTarget(spec) {
  return spec.replace(/\.js$/, '.ts');
}

/** @type {import('eslint').Rule.RuleModule} */
const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep the layering of docs/architecture.md true.' },
    schema: [],
    messages: {
      electron: "'electron' may only be imported under electron/ (this file is in {{layer}}).",
      node: "Node built-in '{{spec}}' may not be imported in {{layer}}; put it behind a port in core/adapters/.",
      layer: '{{layer}} may not import {{target}} ({{spec}}).',
      package:
        "{{layer}} may not import the package '{{pkg}}' (it may import: {{allowed}}); see docs/architecture.md, Layers.",
      rendererValue:
        "renderer/ may only import types from core/contract ('import type'); values only from {{allowed}}.",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const rel = path.relative(root, file);
    const layer = layerOf(rel);
    if (layer === null) return {};

    function check(node, spec, typeOnly) {
      if (typeof spec !== 'string') return;
      if (spec === 'electron' || spec.startsWith('electron/')) {
        if (layer !== 'electron') context.report({ node, messageId: 'electron', data: { layer } });
        return;
      }
      if (NODE_BUILTINS.has(spec) || spec.startsWith('node:')) {
        if (!NODE_ALLOWED.has(layer) && !typeOnly) {
          context.report({ node, messageId: 'node', data: { spec, layer } });
        }
        return;
      }
      if (!spec.startsWith('.')) {
        const pkg = packageOf(spec);
        if (!PACKAGES[layer].includes(pkg)) {
          const allowed = PACKAGES[layer].length > 0 ? PACKAGES[layer].join(', ') : 'none';
          context.report({ node, messageId: 'package', data: { layer, pkg, allowed } });
        }
        return;
      }
      const targetRel = path.relative(
        root,
        path.resolve(path.dirname(file), normalizeTarget(spec)),
      );
      const target = layerOf(targetRel);
      if (target === null) {
        context.report({
          node,
          messageId: 'layer',
          data: { layer, target: 'an unlayered path', spec },
        });
        return;
      }
      if (!ALLOWED[layer].includes(target)) {
        context.report({ node, messageId: 'layer', data: { layer, target, spec } });
        return;
      }
      if (
        layer === 'renderer' &&
        (target === 'core-contract' || target === 'core-model') &&
        !typeOnly
      ) {
        const norm = targetRel.split(path.sep).join('/');
        if (!RENDERER_VALUE_ALLOWED.has(norm)) {
          context.report({
            node,
            messageId: 'rendererValue',
            data: { allowed: [...RENDERER_VALUE_ALLOWED].join(', ') },
          });
        }
      }
    }

    function allSpecifiersAreTypes(node) {
      return (
        node.specifiers?.length > 0 &&
        node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type')
      );
    }

    return {
      ImportDeclaration(node) {
        check(node, node.source.value, node.importKind === 'type' || allSpecifiersAreTypes(node));
      },
      ExportNamedDeclaration(node) {
        if (node.source)
          check(node, node.source.value, node.exportKind === 'type' || allSpecifiersAreTypes(node));
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value, false);
      },
      CallExpression(node) {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        ) {
          check(node, node.arguments[0].value, false);
        }
      },
    };
  },
};

export const hedgeflowPlugin = { meta: { name: 'hedgeflow' }, rules: { layering: layeringRule } };
