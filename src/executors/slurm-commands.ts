/**
 * Running Slurm's commands for the slurm executor: where the cluster's config is, how a failure becomes a
 * QuarryError with the command's stderr and a hint, and the batch script of one job array.
 *
 * Slurm is found through SLURM_CONF. When it is unset and /tmp/quarry-slurm/slurm.conf exists (the
 * single-node cluster that `scripts/services.sh start slurm` runs), that file is used, so tests and local
 * scans need no environment; on a real cluster either leave that file absent or set SLURM_CONF.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { QuarryError } from '../errors.ts';

/** The config of the cluster that `scripts/services.sh start slurm` runs. */
export const LOCAL_SLURM_CONF = '/tmp/quarry-slurm/slurm.conf';
const COMMAND_TIMEOUT_MS = 60_000;
const HINT = 'is Slurm running? start the local one with `scripts/services.sh start slurm`, or set SLURM_CONF to your cluster\'s slurm.conf';

/** The SLURM_CONF the commands run with: the environment's, else the local cluster's when it exists, else none. */
export function slurmConf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SLURM_CONF) return env.SLURM_CONF;
  return existsSync(LOCAL_SLURM_CONF) ? LOCAL_SLURM_CONF : undefined;
}

/** The environment Slurm's commands run in: this process's, with SLURM_CONF set to `conf` or to slurmConf()'s choice. */
export function commandEnv(conf?: string): NodeJS.ProcessEnv {
  const chosen = conf ?? slurmConf();
  return chosen === undefined ? process.env : { ...process.env, SLURM_CONF: chosen };
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The QuarryError for a Slurm command that could not run or failed. */
export function commandError(command: string, args: readonly string[], result: CommandResult | { missing: true }): QuarryError {
  if ('missing' in result) {
    return new QuarryError('FILE_NOT_FOUND', `slurm executor: ${command} is not installed (not found on PATH)`,
      'install Slurm\'s client commands (Debian: apt-get install slurm-client, or `scripts/services.sh start slurm` for a local cluster)');
  }
  const said = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-3).join(' / ') || 'no output';
  return new QuarryError('UNAVAILABLE', `slurm executor: \`${command} ${args.join(' ')}\` failed (exit ${result.code}): ${said}`, HINT);
}

/** Runs a Slurm command and resolves to its exit code and output; rejects only when it cannot start. */
export function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 256 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        reject(commandError(command, args, { missing: true }));
        return;
      }
      resolve({ code: typeof code === 'number' ? code : error === null ? 0 : 1, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Runs a Slurm command that must succeed and resolves to its stdout. */
export async function runChecked(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const result = await runCommand(command, args, env);
  if (result.code !== 0) throw commandError(command, args, result);
  return result.stdout;
}

/** Runs a command synchronously (for `capacity()`, which is synchronous); null when it fails for any reason. */
export function runSyncOrNull(command: string, args: readonly string[], env: NodeJS.ProcessEnv): string | null {
  try {
    return execFileSync(command, args, { env, timeout: 10_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/** Quotes a string for /bin/sh. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The batch script of one job array: task i runs `node RUNNER DIR` with DIR on line i + 1 of the task
 * list. sbatch copies the script at submission, so it only has to exist until sbatch returns.
 */
export function arrayScript(options: { name: string; node: string; runner: string; listFile: string }): string {
  const list = shellQuote(options.listFile);
  return [
    '#!/bin/sh',
    `# quarry job array ${options.name}: task i runs the job runner in the directory on line i + 1 of ${options.listFile}`,
    `line=$((SLURM_ARRAY_TASK_ID + 1))`,
    `dir=$(sed -n "\${line}p" ${list})`,
    `if [ -z "$dir" ]; then echo "quarry: no line $line in "${list} >&2; exit 2; fi`,
    `exec ${shellQuote(options.node)} ${shellQuote(options.runner)} "$dir"`,
    '',
  ].join('\n');
}

/** The `--time` of an array, in whole minutes: the longest timeout plus a minute for the runner's kill grace and startup; null without one. */
export function timeLimitMinutes(timeouts: ReadonlyArray<number | undefined>): number | null {
  if (timeouts.length === 0 || timeouts.some((t) => t === undefined || !(t > 0))) return null;
  return Math.ceil((Math.max(...(timeouts as number[])) + 60) / 60);
}
