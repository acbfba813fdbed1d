// The one command-line parser of every `hedgeflow` command: node:util's parseArgs reads the
// words (long and short options, `--flag=value`, `--` ends the options), and this module holds
// them to the command's table as strictly as parseArgs' own strict mode, but with the project's
// wording and the option named in every message. parseArgs' strict errors carry the offending
// option only inside their English text, and word a missing value three different ways, so the
// checks run here over its tokens instead (docs/architecture.md, "The terminal's arguments").
import { parseArgs } from 'node:util';
import { UsageError } from './io.js';

export interface OptionSpec {
  /** A switch (`--json`, also `--json=true|false`), or an option that takes a value. */
  readonly type: 'boolean' | 'string';
}

/** An option that takes a value: `--data-dir DIR`, `--data-dir=DIR`. */
export const VALUE = { type: 'string' } as const satisfies OptionSpec;
/** A switch: `--json`. */
export const SWITCH = { type: 'boolean' } as const satisfies OptionSpec;

/**
 * A command's options by camelCase key; the flag is its kebab-case form (`dataDir`:
 * `--data-dir`). Every command also takes `--help` and `-h`, which need no entry.
 */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

export type OptionValues<T extends OptionTable> = {
  -readonly [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string;
};

export type CommandLine<T extends OptionTable> =
  | { readonly help: true }
  | {
      readonly help: false;
      /** Only the options given; the last of a repeated one. */
      readonly values: OptionValues<T>;
      readonly positionals: readonly string[];
    };

/** `dataDir` -> `--data-dir`. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Reads `args` against `options`. Throws a UsageError that points at `--help` for an unknown
 * option, a missing value, a value given to a switch, or more than `positionals` arguments
 * (the first such problem), unless `--help` or `-h` was asked for anywhere: then only that.
 */
export function parseCommandLine<const T extends OptionTable>(
  args: readonly string[],
  options: T,
  { positionals: allowed = 0 }: { readonly positionals?: number } = {},
): CommandLine<T> {
  const keys = new Map<string, string>();
  const config: Record<string, { type: 'boolean' | 'string'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [key, spec] of Object.entries(options)) {
    const name = flagName(key).slice(2);
    keys.set(name, key);
    config[name] = { type: spec.type };
  }
  const { tokens } = parseArgs({
    args: [...args],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  let help = false;
  let problem: string | null = null;
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      positionals.push(token.value);
      if (positionals.length > allowed) problem ??= `unexpected argument '${token.value}'`;
      continue;
    }
    if (token.name === 'help') {
      help ||= token.value !== 'false';
      continue;
    }
    const key = keys.get(token.name);
    if (key === undefined) {
      problem ??= `unknown option '${token.rawName}'`;
      continue;
    }
    const read = readOption(options[key]!, `--${token.name}`, token.value, token.inlineValue);
    if (typeof read === 'object') problem ??= read.problem;
    else values[key] = read;
  }
  if (help) return { help: true };
  if (problem !== null) throw new UsageError(problem, { pointToHelp: true });
  return { help: false, values: values as OptionValues<T>, positionals };
}

function readOption(
  spec: OptionSpec,
  flag: string,
  value: string | undefined,
  inline: boolean | undefined,
): string | boolean | { problem: string } {
  switch (spec.type) {
    case 'boolean':
      if (value === undefined || value === 'true') return true;
      if (value === 'false') return false;
      return { problem: `${flag} takes no value (or =true, =false), got '${value}'` };
    case 'string':
      // `--data-dir --json`: the next word is another option, not this one's value (a value
      // that starts with `--` can still be given as `--data-dir=--odd`).
      if (value === undefined || (!inline && value.startsWith('--'))) {
        return { problem: `${flag} needs a value` };
      }
      return value;
  }
}

/**
 * A whole number in [min, max] written in decimal digits, or null. Number() would read '' and
 * ' ' as 0, '0x50' as 80 and '8e3' as 8000: a typo must not become a different number.
 */
export function wholeNumber(text: string, [min, max]: readonly [number, number]): number | null {
  const n = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  return n >= min && n <= max ? n : null;
}

/** A finite number as JavaScript writes one (`2e6`, `-0.5`), or null; never '' read as 0. */
export function finiteNumber(text: string): number | null {
  const n = text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(n) ? n : null;
}
