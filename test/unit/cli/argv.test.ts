// Every `hedgeflow` command reads its words through one parser (cli/argv.ts): the same
// strictness, the same messages, the same exit code 2 with a pointer to --help.
import { describe, expect, it } from 'vitest';
import {
  finiteNumber,
  flagName,
  parseCommandLine,
  SWITCH,
  VALUE,
  wholeNumber,
  type OptionTable,
} from '../../../cli/argv.js';
import { UsageError, type CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';

const OPTIONS = { dataDir: VALUE, json: SWITCH } satisfies OptionTable;

/** The values and positionals of a command line that is not a request for help. */
function read(args: string[], positionals = 0) {
  const line = parseCommandLine(args, OPTIONS, { positionals });
  if (line.help) throw new Error(`${JSON.stringify(args)} was read as --help`);
  return { values: line.values, positionals: line.positionals };
}

function problem(args: string[], positionals = 0): string {
  try {
    parseCommandLine(args, OPTIONS, { positionals });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).pointToHelp).toBe(true);
    return (error as UsageError).message;
  }
  throw new Error(`${JSON.stringify(args)} was accepted`);
}

describe('parseCommandLine', () => {
  it('reads long options, --flag=value, switches and positionals into typed values', () => {
    expect(read(['--data-dir', '/tmp/a', 'file', '--json'], 1)).toEqual({
      values: { dataDir: '/tmp/a', json: true },
      positionals: ['file'],
    });
    expect(read(['--data-dir=/tmp/b']).values).toEqual({ dataDir: '/tmp/b' });
    // The last of a repeated option counts.
    expect(read(['--data-dir=a', '--data-dir', 'b']).values.dataDir).toBe('b');
  });

  it('keeps values that look like options where they cannot be one', () => {
    expect(read(['--data-dir', '-']).values.dataDir).toBe('-');
    expect(read(['--data-dir', '-5']).values.dataDir).toBe('-5');
    expect(read(['--data-dir=--odd']).values.dataDir).toBe('--odd');
    expect(read(['--data-dir=']).values.dataDir).toBe('');
    expect(read(['--', '--json'], 1)).toEqual({ values: {}, positionals: ['--json'] });
  });

  it('reads a switch given as =true or =false', () => {
    expect(read(['--json=false']).values.json).toBe(false);
    expect(read(['--json=true']).values.json).toBe(true);
  });

  it('refuses, naming the word: unknown option, missing value, value on a switch, stray argument', () => {
    expect(problem(['--frobnicate'])).toBe("unknown option '--frobnicate'");
    expect(problem(['--frobnicate=1'])).toBe("unknown option '--frobnicate'");
    expect(problem(['-x'])).toBe("unknown option '-x'");
    expect(problem(['--data-dir'])).toBe('--data-dir needs a value');
    expect(problem(['--data-dir', '--json'])).toBe('--data-dir needs a value');
    expect(problem(['--json=yes'])).toBe("--json takes no value (or =true, =false), got 'yes'");
    expect(problem(['a'])).toBe("unexpected argument 'a'");
    expect(problem(['a', 'b'], 1)).toBe("unexpected argument 'b'");
  });

  it('reports the first problem', () => {
    expect(problem(['--nope', '--data-dir'])).toBe("unknown option '--nope'");
  });

  it('answers --help (or -h), which every command takes, wherever it stands and whatever else is wrong', () => {
    for (const args of [['--help'], ['-h'], ['--nope', '-h', 'x'], ['--data-dir', 'd', '--help']]) {
      expect(parseCommandLine(args, OPTIONS), JSON.stringify(args)).toEqual({ help: true });
    }
    expect(read(['--help=false']).values).toEqual({});
  });

  it('names flags in kebab case', () => {
    expect(flagName('dataDir')).toBe('--data-dir');
    expect(flagName('requireAttribution')).toBe('--require-attribution');
  });
});

describe('number values', () => {
  it('reads whole numbers in decimal digits only, within the range', () => {
    expect(wholeNumber('8080', [0, 65535])).toBe(8080);
    expect(wholeNumber('0', [0, 65535])).toBe(0);
    for (const text of ['', ' ', '0x50', '8e3', '80.0', '-1', '65536', '1 ', '+1']) {
      expect(wholeNumber(text, [0, 65535]), JSON.stringify(text)).toBeNull();
    }
  });

  it('reads finite numbers as JavaScript writes them, never an empty value as 0', () => {
    expect(finiteNumber('2e6')).toBe(2e6);
    expect(finiteNumber('-0.5')).toBe(-0.5);
    for (const text of ['', '  ', 'lots', 'Infinity', '1e400', 'NaN']) {
      expect(finiteNumber(text), JSON.stringify(text)).toBeNull();
    }
  });
});

/** `hedgeflow <args>` with a user who interrupts at once: nothing that wrongly starts hangs. */
async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readInput: () => Promise.reject(new Error('no input')),
    env: {},
    isTty: false,
    interrupted: Promise.resolve(),
  };
  const code = await main(args, io);
  return { code, out, err: err.join('\n') };
}

describe('every command reads its arguments the same way', () => {
  // [command, arguments it runs with, an option that takes a value]
  const COMMANDS = [
    ['watch', ['--demo'], '--data-dir'],
    ['sim', ['--port', '0'], '--keys'],
    ['detect', [], '--calls'],
    ['backtest', ['--demo'], '--symbols'],
  ] as const;

  it.each(COMMANDS)(
    '%s: an unknown option, a missing value, a stray argument: exit 2, pointing at --help',
    async (command, base, valued) => {
      const stray = command === 'detect' ? ['a.json', 'b.json'] : ['extra'];
      for (const [args, message] of [
        [['--frobnicate'], "unknown option '--frobnicate'"],
        [[valued], `${valued} needs a value`],
        [stray, `unexpected argument '${stray.at(-1)}'`],
      ] as const) {
        const r = await run([command, ...base, ...args]);
        expect(r.code, `${command} ${args.join(' ')}`).toBe(2);
        expect(r.out).toEqual([]);
        expect(r.err).toBe(
          `hedgeflow ${command}: ${message}\nRun 'hedgeflow ${command} --help' for the options.`,
        );
      }
    },
  );

  it.each(COMMANDS)('%s: --help and -h print the usage and exit 0', async (command) => {
    for (const flag of ['--help', '-h']) {
      const r = await run([command, flag, '--frobnicate']);
      expect(r.code).toBe(0);
      expect([...r.out, r.err].join('\n')).toMatch(new RegExp(`usage: hedgeflow ${command}`));
    }
  });

  it.each(['detect', 'backtest'] as const)(
    '%s: the detector flags read alike, every flag error pointing at --help',
    async (command) => {
      const base = command === 'backtest' ? ['--demo'] : [];
      for (const [args, message] of [
        [['--accelerating=maybe'], "--accelerating takes no value (or =true, =false), got 'maybe'"],
        [['--run-length', 'x'], "--run-length: 'x' is not a number"],
        [['--run-length', ''], "--run-length: '' is not a number"],
        [['--flip-after', '1.5'], '--flip-after: '],
      ] as const) {
        const r = await run([command, ...base, ...args]);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.err).toMatch(new RegExp(`^hedgeflow ${command}: `));
        expect(r.err).toContain(message);
        expect(r.err).toMatch(
          new RegExp(`\\nRun 'hedgeflow ${command} --help' for the options\\.$`),
        );
      }
    },
  );
});
