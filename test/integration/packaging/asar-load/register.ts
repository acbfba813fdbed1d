// Loaded with `node --import`: registers the ESM hooks, and puts the same rule in front of
// CommonJS `require` (a CJS package such as @napi-rs/keyring or semver resolves its own files
// through Module._resolveFilename, which the ESM hooks do not see on Node 20).
import Module, { register } from 'node:module';
import {
  describe,
  isBuiltin,
  notFound,
  record,
  refusal,
  type RestrictionData,
} from './restriction.js';

const data = JSON.parse(process.env.HEDGEFLOW_ASAR_RESTRICTION ?? 'null') as RestrictionData | null;
if (data === null) throw new Error('HEDGEFLOW_ASAR_RESTRICTION is not set');

register('./restricted-hooks.js', import.meta.url, { data });

type ResolveFilename = (
  request: string,
  parent: { filename?: string | null } | undefined,
  isMain: boolean,
  options?: unknown,
) => string;
const internals = Module as unknown as { _resolveFilename: ResolveFilename };
const original = internals._resolveFilename;
internals._resolveFilename = function resolveFilename(request, parent, isMain, options) {
  if (isBuiltin(request)) return original.call(this, request, parent, isMain, options);
  const from = describe(data, parent?.filename ?? null);
  let file: string;
  try {
    file = original.call(this, request, parent, isMain, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    record(data, { kind: 'missing', system: 'cjs', specifier: request, parent: from, message });
    throw error;
  }
  const why = refusal(data, file);
  if (why !== null) {
    const message = `refused '${request}' required by ${from ?? 'the entry'}: ${why}`;
    record(data, { kind: 'refused', system: 'cjs', specifier: request, parent: from, message });
    throw notFound(message);
  }
  record(data, {
    kind: 'loaded',
    system: 'cjs',
    specifier: request,
    parent: from,
    file: describe(data, file)!,
  });
  return file;
};
