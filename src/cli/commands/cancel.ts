/**
 * `quarry cancel DIR`: stops a scan and kills its jobs. With a driver running, it leaves a request the
 * driver acts on within a poll; without one, it takes the lock and cancels the jobs itself. Finished
 * evaluations are kept; `quarry scan` on DIR later resumes (the abandoned points are run again).
 */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { QuarryError } from '../../errors.ts';
import { lockOwner } from '../../runs/lock.ts';
import { CANCEL_FILE } from '../../scan/driver.ts';
import { loadRun, openScan } from '../../scan/open.ts';

export function registerCancel(program: Command): void {
  program
    .command('cancel')
    .description('cancel the scan in DIR: kill its running jobs and stop its driver (finished points are kept)')
    .argument('<dir>', 'run directory of a quarry scan')
    .option('--wait <seconds>', 'how long to wait for a running driver to stop', '60')
    .action(async (dir: string, flags: { wait: string }) => cancel(dir, Number(flags.wait)));
}

async function cancel(dirArg: string, waitSeconds: number): Promise<void> {
  const dir = resolve(dirArg);
  const loaded = loadRun(dir);
  if (loaded.run.stopped) {
    process.stdout.write(`scan "${loaded.config.name}" is not running (${loaded.run.stopped.message}); nothing to cancel\n`);
    return;
  }
  const owner = lockOwner(dir);
  if (owner) {
    writeFileSync(join(dir, CANCEL_FILE), JSON.stringify({ pid: process.pid, time: new Date().toISOString() }));
    const deadline = Date.now() + 1000 * (Number.isFinite(waitSeconds) ? waitSeconds : 60);
    while (lockOwner(dir) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    if (lockOwner(dir)) {
      throw new QuarryError('INVALID_INPUT', `the driver (pid ${owner.pid}) has not stopped within ${waitSeconds} s`, `it cancels at its next poll; check with quarry status ${dirArg}`);
    }
    process.stdout.write(`cancelled scan "${loaded.config.name}" (driver pid ${owner.pid} stopped)\n`);
    return;
  }
  const opened = await openScan(loaded.config, dir);
  try {
    const abandoned = await opened.driver.cancel();
    process.stdout.write(`cancelled scan "${loaded.config.name}": ${abandoned} point(s) in flight abandoned, finished points kept\n`);
  } finally {
    await opened.close();
  }
}
