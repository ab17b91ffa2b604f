/** `quarry status DIR [--json]`: where a scan stands, read from its log (works while it runs). */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { lockOwner } from '../../runs/lock.ts';
import { loadRun } from '../../scan/open.ts';
import { formatCounts, scanCounts } from '../../scan/progress.ts';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show the state of the scan in DIR: points by status, faults, iterations, the stop reason')
    .argument('<dir>', 'run directory of a quarry scan')
    .option('--json', 'print one JSON object')
    .action((dir: string, flags: { json?: boolean }) => status(dir, flags));
}

function status(dirArg: string, flags: { json?: boolean }): void {
  const dir = resolve(dirArg);
  const loaded = loadRun(dir);
  const counts = scanCounts(loaded.run, loaded.loop);
  const owner = lockOwner(dir);
  const state = owner ? 'running' : loaded.run.stopped ? (loaded.run.stopped.reason === 'cancelled' ? 'cancelled' : 'finished') : 'interrupted';
  if (flags.json) {
    process.stdout.write(JSON.stringify({
      name: loaded.config.name, state, driver: owner, stopped: loaded.run.stopped, counts,
      startedAt: loaded.run.startedAt, updatedAt: loaded.run.updatedAt, iterations: loaded.loop.history,
    }, null, 2) + '\n');
    return;
  }
  const lines = [
    `scan "${loaded.config.name}" in ${dirArg}: ${state}${owner ? ` (driver pid ${owner.pid} on ${owner.host})` : ''}`,
    `  ${formatCounts(counts)}`,
  ];
  if (loaded.run.stopped) lines.push(`  stopped: ${loaded.run.stopped.message}`);
  else if (!owner) lines.push(`  no driver is running; resume with: quarry scan CONFIG --out ${dirArg}`);
  const faults = Object.entries(counts.faults);
  if (faults.length) lines.push(`  faults over all attempts: ${faults.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const failed = loaded.run.trials.filter((t) => t.status === 'failed').slice(0, 5);
  for (const t of failed) lines.push(`  failed ${t.id} ${JSON.stringify(t.point)}: ${t.error ?? t.fault} (points/${t.hash})`);
  lines.push(`  started ${loaded.run.startedAt ?? '?'}, last event ${loaded.run.updatedAt ?? '?'}`);
  process.stdout.write(lines.join('\n') + '\n');
}
