/** The quarry command line: builds the command tree, runs it, and turns errors into one-line messages. */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { QuarryError } from '../errors.ts';

type Register = (program: Command) => void;

/**
 * Every command, loaded on demand: a run imports only the module of the command it runs (each pulls in
 * its part of quarry), which keeps `quarry status` and the e2e tests' many launches quick. The order is
 * the order of `quarry --help`.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  demo: async () => (await import('./commands/demo.ts')).registerDemo,
  scan: async () => (await import('./commands/scan.ts')).registerScan,
  status: async () => (await import('./commands/status.ts')).registerStatus,
  export: async () => (await import('./commands/export.ts')).registerExport,
  predict: async () => (await import('./commands/predict.ts')).registerPredict,
  cancel: async () => (await import('./commands/cancel.ts')).registerCancel,
  worker: async () => (await import('./commands/worker.ts')).registerWorker,
  surrogate: async () => (await import('./commands/surrogate.ts')).registerSurrogate,
  'bench-al': async () => (await import('./commands/bench-al.ts')).registerBenchAl,
  fit: async () => (await import('./commands/fit.ts')).registerFit,
  cls: async () => (await import('./commands/cls.ts')).registerCls,
  limit: async () => (await import('./commands/limit.ts')).registerLimit,
  significance: async () => (await import('./commands/significance.ts')).registerSignificance,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * The program with its commands registered: only `only` when it names a command (what a run needs),
 * otherwise all of them (help, unknown commands, tests that inspect the tree).
 */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('quarry')
    .description('Active learning of exclusion contours, HistFactory statistics and durable scans')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(`quarry: ${s.trim()}\n  hint: run 'quarry --help' or 'quarry COMMAND --help' for usage\n`),
    });
  const names = only !== undefined && Object.hasOwn(COMMANDS, only) ? [only] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((name) => COMMANDS[name]()))) register(program);
  return program;
}

/** Runs the CLI on argv (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv.find((a) => !a.startsWith('-')));
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return report(error);
  }
}

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // help and version exit through here with code 0; commander already printed its message
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    return 2;
  }
  if (error instanceof QuarryError) {
    process.stderr.write(`quarry: error: ${error.message}\n  hint: ${error.hint}\n`);
    return error.isUserError ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`quarry: internal error: ${message}\n  hint: this is a bug in quarry; rerun with QUARRY_DEBUG=1 for the stack trace and report it\n`);
  if (process.env.QUARRY_DEBUG) console.error(error);
  return 1;
}
