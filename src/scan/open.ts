/**
 * Opening a run directory: `openScan` takes the driver lock, starts a new log or resumes the one
 * there (refusing a different configuration), loads the invalid-region module and the executor;
 * `loadRun` reads a run without a lock for `status`, `export` and `predict`.
 */
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { QuarryError } from '../errors.ts';
import type { Executor } from '../executors/executor.ts';
import type { LoopState } from '../active-learning/index.ts';
import type { RunEvent } from '../runs/events.ts';
import { acquireRunLock, type RunLock } from '../runs/lock.ts';
import { replay, type RunState } from '../runs/replay.ts';
import { hasRunLog, readEvents, RunStore } from '../runs/store.ts';
import { configHash, toLoopConfig, type ScanConfig } from './config.ts';
import { Driver } from './driver.ts';
import { createExecutor } from './executors.ts';
import { replayLoop } from './loop-replay.ts';

function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export interface OpenedScan {
  driver: Driver;
  /** True when the directory already held a log (the scan resumes). */
  resumed: boolean;
  close(): Promise<void>;
}

async function invalidPredicate(config: ScanConfig): Promise<((x: Record<string, number>) => boolean) | undefined> {
  if (!config.invalid) return undefined;
  const { module, export: name } = config.invalid;
  const mod = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
  const fn = mod[name];
  if (typeof fn !== 'function') {
    throw new QuarryError('INVALID_INPUT', `${module} exports no function "${name}"`, `export function ${name}(params) returning true for invalid points, or set invalid.export`);
  }
  return (x) => !(fn as (x: Record<string, number>) => unknown)(x);
}

export async function openScan(config: ScanConfig, dir: string, options: { executor?: Executor; pollMs?: number } = {}): Promise<OpenedScan> {
  mkdirSync(dir, { recursive: true });
  const lock: RunLock = acquireRunLock(dir);
  let store: RunStore | null = null;
  try {
    store = RunStore.open(dir);
    const hash = configHash(config);
    const resumed = store.events().length > 0;
    if (!resumed) {
      store.append({ type: 'scan-started', config: JSON.parse(JSON.stringify(config)), configHash: hash, version: version() });
    } else {
      const started = store.events()[0];
      if (started.type !== 'scan-started') throw new QuarryError('INVALID_INPUT', `${dir}: the run log does not start with scan-started`, 'point --out at a quarry run directory or an empty one');
      if (started.configHash !== hash) {
        throw new QuarryError('INVALID_INPUT', `${dir} holds a scan of a different configuration (hash ${started.configHash}, this config ${hash})`,
          'resume with the configuration it was started with, or give a new --out directory');
      }
      store.append({ type: 'scan-resumed', pid: process.pid, host: hostname() });
    }
    const executor = options.executor ?? await createExecutor(config.executor);
    const valid = await invalidPredicate(config);
    const run = replay(store.events());
    const driver = new Driver({ config, configHash: hash, dir, store, executor, valid, pollMs: options.pollMs ?? config.poll * 1000 }, run);
    const opened = store;
    return {
      driver,
      resumed,
      async close() {
        await executor.close();
        opened.close();
        lock.release();
      },
    };
  } catch (error) {
    store?.close();
    lock.release();
    throw error;
  }
}

export interface LoadedRun {
  events: RunEvent[];
  run: RunState;
  config: ScanConfig;
  loop: LoopState;
}

/** Reads a run directory (no lock, no writes). */
export function loadRun(dir: string): LoadedRun {
  if (!hasRunLog(dir)) throw new QuarryError('FILE_NOT_FOUND', `${dir} holds no quarry run (no events.jsonl)`, 'give the --out directory of a `quarry scan`');
  const events = readEvents(dir);
  const run = replay(events);
  if (!run.config) throw new QuarryError('INVALID_INPUT', `${dir}: the run log has no scan-started event`, 'the directory is not a quarry run');
  const config = run.config as unknown as ScanConfig;
  return { events, run, config, loop: replayLoop(toLoopConfig(config), events, run.trials) };
}
