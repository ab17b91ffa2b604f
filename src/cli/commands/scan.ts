/** `quarry scan CONFIG --out DIR`: runs an active-learning scan, or resumes the one in DIR. */
import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import { loadScanConfig } from '../../scan/config.ts';
import { scanCounts } from '../../scan/progress.ts';
import { ProgressLine } from '../progress.ts';

interface ScanFlags {
  out: string;
  quiet?: boolean;
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('run an active-learning scan of CONFIG (YAML or JSON) in DIR; resumes when DIR already holds the scan')
    .argument('<config>', 'scan configuration (YAML or JSON)')
    .requiredOption('--out <dir>', 'run directory: the event log, one directory per point')
    .option('--quiet', 'no progress lines')
    .action(async (config: string, flags: ScanFlags) => { process.exitCode = await runScan(config, flags); });
}

async function runScan(configPath: string, flags: ScanFlags): Promise<number> {
  const config = loadScanConfig(configPath);
  // the driver (GP, acquisitions, executors) loads only for a valid config: a bad one fails fast
  const { openScan } = await import('../../scan/open.ts');
  const dir = resolve(flags.out);
  const opened = await openScan(config, dir);
  const { driver } = opened;
  const shown = relative(process.cwd(), dir) || '.';
  const progress = flags.quiet ? null : new ProgressLine();
  if (!flags.quiet) {
    process.stderr.write(`quarry: ${opened.resumed ? 'resuming' : 'starting'} scan "${config.name}" in ${shown} (executor ${config.executor.type}, capacity ${driver.ctx.executor.capacity()})\n`);
  }
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let outcome: Awaited<ReturnType<typeof driver.drive>>;
  try {
    outcome = await driver.drive({ signal: abort.signal, onStep: (d) => progress?.update(scanCounts(d.run, d.loop)) });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    progress?.done();
    await opened.close();
  }
  const c = scanCounts(driver.run, driver.loop);
  if (outcome === 'paused') {
    process.stderr.write(`quarry: paused; ${c.running + c.queued} job(s) keep running. Resume with: quarry scan ${configPath} --out ${shown}  (stop them: quarry cancel ${shown})\n`);
    return 130;
  }
  const stopped = driver.run.stopped;
  process.stdout.write([
    `scan "${config.name}" ${outcome === 'cancelled' ? 'cancelled' : 'finished'}: ${c.completed + c.failed} evaluations (${c.completed} completed, ${c.failed} failed${c.abandoned ? `, ${c.abandoned} abandoned` : ''}) in ${c.iteration} iterations`,
    `  stopped: ${stopped?.message ?? 'unknown'}`,
    ...(c.misclassification !== null ? [`  estimated misclassified fraction of the domain: ${c.misclassification.toExponential(2)}`] : []),
    `  run directory: ${shown}  (quarry status ${shown} · quarry export ${shown} --format csv|json|geojson)`,
  ].join('\n') + '\n');
  return 0;
}
