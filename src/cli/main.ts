/** The quarry command line: builds the command tree, runs it, and turns errors into one-line messages. */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { QuarryError } from '../errors.ts';
import { registerBenchAl } from './commands/bench-al.ts';
import { registerCls } from './commands/cls.ts';
import { registerDemo } from './commands/demo.ts';
import { registerFit } from './commands/fit.ts';
import { registerLimit } from './commands/limit.ts';
import { registerSignificance } from './commands/significance.ts';
import { registerCancel } from './commands/cancel.ts';
import { registerExport } from './commands/export.ts';
import { registerPredict } from './commands/predict.ts';
import { registerScan } from './commands/scan.ts';
import { registerStatus } from './commands/status.ts';
import { registerSurrogate } from './commands/surrogate.ts';
import { registerWorker } from './commands/worker.ts';



function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The program with every command registered; exported so tests can inspect the tree. */
export function buildProgram(): Command {
  const program = new Command('quarry')
    .description('Active learning of exclusion contours, HistFactory statistics and durable scans')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(`quarry: ${s.trim()}\n  hint: run 'quarry --help' or 'quarry COMMAND --help' for usage\n`),
    });
  registerDemo(program);
  registerSurrogate(program);
  registerBenchAl(program);
  registerFit(program);
  registerCls(program);
  registerLimit(program);
  registerSignificance(program);
  registerWorker(program);
  registerScan(program);
  registerStatus(program);
  registerExport(program);
  registerPredict(program);
  registerCancel(program);


  return program;
}

/** Runs the CLI on argv (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
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
