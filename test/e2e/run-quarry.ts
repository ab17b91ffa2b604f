/** Runs the quarry CLI (bin/quarry.mjs) in a child process for the end-to-end tests. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/quarry.mjs', import.meta.url));

export interface RunOptions {
  cwd?: string;
  /** Written to the command's stdin (default: empty). */
  input?: string;
  /** Added to the environment; an undefined value removes the variable. */
  env?: Record<string, string | undefined>;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function environment(env: RunOptions['env']): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(env ?? {})) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Runs `quarry ARGS` and waits for it (blocks the test's thread). */
export function quarrySync(args: string[], options: RunOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: options.cwd, input: options.input ?? '', env: environment(options.env) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `quarry ARGS` without blocking, so several runs can go in parallel. */
export function quarry(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: environment(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
