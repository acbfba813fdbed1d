// ESM resolve hooks (registered by register.ts, run on Node's loader thread): `electron` is the
// fake, built-ins are Node's, everything else must resolve inside the extracted archive.
import { fileURLToPath } from 'node:url';
import {
  describe,
  isBuiltin,
  notFound,
  record,
  refusal,
  type RestrictionData,
} from './restriction.js';

interface ResolveContext {
  readonly parentURL?: string;
}
interface ResolveResult {
  readonly url: string;
  readonly format?: string | null;
  readonly shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<ResolveResult>;

let data: RestrictionData;

export function initialize(init: RestrictionData): void {
  data = init;
}

function fileOf(url: string | undefined): string | null {
  return url?.startsWith('file:') ? fileURLToPath(url) : null;
}

export async function resolve(
  specifier: string,
  context: ResolveContext,
  nextResolve: NextResolve,
): Promise<ResolveResult> {
  if (specifier === 'electron') return { url: data.electronUrl, shortCircuit: true };
  if (isBuiltin(specifier)) return nextResolve(specifier, context);
  const parent = describe(data, fileOf(context.parentURL));
  let result: ResolveResult;
  try {
    result = await nextResolve(specifier, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    record(data, { kind: 'missing', system: 'esm', specifier, parent, message });
    throw error;
  }
  const file = fileOf(result.url);
  if (file === null) {
    const message = `'${specifier}' resolved to ${result.url}, not a file`;
    record(data, { kind: 'refused', system: 'esm', specifier, parent, message });
    throw notFound(message);
  }
  const why = refusal(data, file);
  if (why !== null) {
    const message = `refused '${specifier}' imported by ${parent ?? 'the entry'}: ${why}`;
    record(data, { kind: 'refused', system: 'esm', specifier, parent, message });
    throw notFound(message);
  }
  record(data, { kind: 'loaded', system: 'esm', specifier, parent, file: describe(data, file)! });
  return result;
}
