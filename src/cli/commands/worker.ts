/**
 * `quarry worker --redis URL`: runs scan points from a Redis queue on this host until signalled, so a
 * scan with `executor: {type: queue}` spreads over any machines that can reach the Redis server.
 * Prints one line when ready and one per job event. The first SIGINT/SIGTERM stops taking jobs and
 * lets the running ones finish; a second kills them and puts them back in the queue for other workers.
 */
import type { Command } from 'commander';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobOutcome } from '../../executors/executor.ts';
import { checkQueueName, checkRedisUrl, describeUrl } from '../../executors/queue-redis.ts';
import { startQueueWorker, type QueueWorkerEvent } from '../../executors/queue-worker.ts';
import { parseInteger } from '../parse.ts';

interface WorkerFlags {
  redis: string;
  queue: string;
  concurrency?: string;
  dir: string;
  lockSeconds: string;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run scan points from a Redis queue (executor type queue) on this host until stopped')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://HOST:6379 (the same as in the scan config)')
    .option('--queue <name>', 'queue name (the same as in the scan config)', 'quarry')
    .option('--concurrency <n>', `points run at once (default: the number of cores, ${availableParallelism()})`)
    .option('--dir <dir>', 'where points run whose directory is not writable here (no shared filesystem)', join(tmpdir(), 'quarry-worker'))
    .option('--lock-seconds <s>', 'lock of a running point; the point of a dead worker is redone after about twice this', '30')
    .action((flags: WorkerFlags) => runWorker(flags));
}

function describeOutcome(o: JobOutcome): string {
  const how = o.cancelled ? 'cancelled' : o.timedOut ? 'timed out' : o.signal ? `killed by ${o.signal}` : `exit ${o.exitCode}`;
  return `${how} after ${o.seconds.toFixed(1)} s${o.result === null ? ', no result file' : ''}`;
}

function line(event: QueueWorkerEvent): string {
  switch (event.type) {
    case 'started': return `started ${event.id} in ${event.dir}`;
    case 'finished': return `finished ${event.id}: ${describeOutcome(event.outcome)}`;
    case 'failed': return `failed ${event.id}: ${event.reason}`;
    case 'requeued': return `requeued ${event.id}: killed as the worker stopped; another worker will run it`;
    case 'cancelling': return `cancelling ${event.id}: the driver cancelled it`;
    case 'stalled': return `stalled ${event.id}: the worker running it stopped renewing its lock; it goes back to the queue`;
  }
}

async function runWorker(flags: WorkerFlags): Promise<void> {
  const concurrency = flags.concurrency === undefined ? availableParallelism() : parseInteger(flags.concurrency, '--concurrency', { min: 1 });
  const lockSeconds = parseInteger(flags.lockSeconds, '--lock-seconds', { min: 1 });
  checkRedisUrl(flags.redis, '--redis');
  checkQueueName(flags.queue, '--queue');
  const say = (text: string) => process.stdout.write(text + '\n');
  const worker = await startQueueWorker({ redis: flags.redis, queue: flags.queue, concurrency, dir: flags.dir, lockSeconds, onEvent: (e) => say(line(e)) });
  say(`quarry worker ${worker.id}: ready on queue "${worker.queue}" at ${describeUrl(flags.redis)} (concurrency ${concurrency})`);

  let signals = 0;
  await new Promise<void>((resolve, reject) => {
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      const running = worker.running().length;
      if (signals === 1) {
        say(`${signal}: taking no more jobs; waiting for ${running} running (signal again to kill them and requeue)`);
        worker.close().then(() => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve();
        }, reject);
      } else {
        say(`${signal}: killing ${running} running job(s); they go back to the queue`);
        void worker.close({ kill: true });
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  say('stopped');
}
