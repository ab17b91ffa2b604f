/**
 * Scans from TypeScript: the same durable run the CLI drives.
 *
 *   const config = loadScanConfig('toy.yaml');
 *   const summary = await runScan(config, 'run');          // starts, or resumes the scan in 'run'
 *   const { run, loop } = loadRun('run');                  // trials with status and attempts; the loop state
 */
import type { Executor } from '../executors/executor.ts';
import type { ScanConfig } from './config.ts';
import { openScan } from './open.ts';
import { scanCounts, type ScanCounts } from './progress.ts';

export { configHash, loadScanConfig, parseScanConfig, toLoopConfig, type ScanConfig } from './config.ts';
export { Driver, CANCEL_FILE } from './driver.ts';
export { loadRun, openScan, type LoadedRun, type OpenedScan } from './open.ts';
export { exportCsv, exportJson, exportedPoints, type ExportedPoint } from './export.ts';
export { contourGeoJSON, predictPoints, runSurrogates, type Prediction, type RunSurrogates } from './surrogates.ts';
export { formatCounts, scanCounts, type ScanCounts } from './progress.ts';
export { createExecutor, EXECUTOR_NAMES } from './executors.ts';

export interface RunScanOptions {
  /** Use this executor instead of the config's (e.g. a custom one implementing the Executor protocol). */
  executor?: Executor;
  /** Stops driving when aborted (jobs keep running; `runScan` again resumes). */
  signal?: AbortSignal;
  /** Called after every step of the driver with the counts of points by status. */
  onProgress?: (counts: ScanCounts) => void;
}

export interface ScanSummary {
  outcome: 'finished' | 'cancelled' | 'paused';
  counts: ScanCounts;
  stopped: { reason: string; message: string } | null;
}

/** Runs the scan of `config` in `dir` until it stops, is cancelled or `signal` aborts; resumes an existing run. */
export async function runScan(config: ScanConfig, dir: string, options: RunScanOptions = {}): Promise<ScanSummary> {
  const opened = await openScan(config, dir, options.executor ? { executor: options.executor } : {});
  try {
    const outcome = await opened.driver.drive({
      signal: options.signal,
      onStep: (d) => options.onProgress?.(scanCounts(d.run, d.loop)),
    });
    const { run, loop } = opened.driver;
    return { outcome, counts: scanCounts(run, loop), stopped: run.stopped ? { reason: run.stopped.reason, message: run.stopped.message } : null };
  } finally {
    await opened.close();
  }
}
