// Runs a preload the way Electron runs a sandboxed one
// (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts): CommonJS source in a
// fresh context with no Node globals, and a `require` that knows only the renderer modules of
// `electron` and the polyfilled 'events', 'timers' and 'url'. Anything else throws, as it would
// in the popover.
import events from 'node:events';
import timers from 'node:timers';
import url from 'node:url';
import vm from 'node:vm';

/** What `require('electron')` offers a sandboxed preload. */
const RENDERER_MODULES = [
  'contextBridge',
  'crashReporter',
  'ipcRenderer',
  'nativeImage',
  'webFrame',
  'webUtils',
] as const;

const POLYFILLED: Readonly<Record<string, unknown>> = { events, timers, url };

export interface SandboxedRun {
  /** Every module the preload asked for, in order. */
  readonly required: readonly string[];
}

export function runSandboxedPreload(
  source: string,
  filename: string,
  electron: Readonly<Record<string, unknown>>,
): SandboxedRun {
  const required: string[] = [];
  const electronModule = new Proxy(
    {},
    {
      get(_target, name) {
        if (typeof name !== 'string') return undefined;
        if (!(RENDERER_MODULES as readonly string[]).includes(name)) {
          throw new Error(`electron.${name} is not available in a sandboxed preload`);
        }
        return electron[name];
      },
    },
  );
  const sandboxRequire = (id: string): unknown => {
    required.push(id);
    if (id === 'electron') return electronModule;
    if (Object.hasOwn(POLYFILLED, id)) return POLYFILLED[id];
    throw new Error(
      `Cannot find module '${id}': a sandboxed preload may require only electron, events, timers and url`,
    );
  };
  // A renderer's globals plus the few Node-ish ones Electron gives a sandboxed preload.
  const context = vm.createContext({
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    setImmediate,
    clearImmediate,
    queueMicrotask,
    structuredClone,
    URL,
    URLSearchParams,
    TextEncoder,
    TextDecoder,
    AbortController,
    Buffer,
    process: { platform: process.platform, type: 'renderer', sandboxed: true, env: {} },
  });
  const wrapper = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename },
  );
  const fn = wrapper.runInContext(context) as (
    exports: object,
    require: (id: string) => unknown,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  fn(module.exports, sandboxRequire, module, filename, '.');
  return { required };
}
