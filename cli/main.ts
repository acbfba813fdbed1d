// `hedgeflow <command>`: the terminal front end. Each command lives in its own module and is
// loaded on demand so `hedgeflow sim` never pays for the app core and vice versa.
import { processIo, reportFailure, type CliIo } from './io.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  sim: {
    summary: 'run the hedge-flow simulator: an API-compatible server',
    load: async () => (await import('./sim-command.js')).simCommand,
  },
  watch: {
    summary: 'the app core in a terminal: live hedge flow and squeeze alerts',
    load: async () => (await import('./watch-command.js')).watchCommand,
  },
  detect: {
    summary: "run the squeeze detector over a hedge-flow response (file or '-')",
    load: async () => (await import('./detect-command.js')).detectCommand,
  },
  backtest: {
    summary: 'alerts over recorded or simulated sessions, with outcomes and a scorecard',
    load: async () => (await import('./backtest-command.js')).backtestCommand,
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return [
    'usage: hedgeflow <command> [options]',
    '',
    ...lines,
    '',
    "Run 'hedgeflow <command> --help' for a command's options.",
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.err(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`hedgeflow: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await (
      await command.load()
    )(rest, io);
  } catch (error) {
    return reportFailure(io, name, error);
  }
}
