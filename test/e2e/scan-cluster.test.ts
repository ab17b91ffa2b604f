/**
 * Small scans end to end on real cluster engines: the single-node Slurm and the Redis queue that
 * `scripts/services.sh start` (and `.ci/run`) bring up. A test fails, with the command to start the
 * service, when its service is not running.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, quarry, quarrySync } from './run-quarry.ts';
import { writeScanConfig } from './scan-fixtures/write-config.ts';

const TOY = fileURLToPath(new URL('../../examples/toy/toy.mjs', import.meta.url));
const REDIS = process.env.QUARRY_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SLURM_CONF = process.env.SLURM_CONF ?? '/tmp/quarry-slurm/slurm.conf';

function writeConfig(dir: string, executor: string): string {
  return writeScanConfig(dir, 'cluster', {
    evaluator: `{type: module, path: '${TOY}', timeout: 120, retries: 1, retryDelay: 1}`,
    executor,
    design: '{type: sobol, points: 4}',
    batch: '4',
    stop: '{budget: 12}',
    seed: '5',
    poll: '0.5',
  });
}

interface Event { type: string; handle?: { executor: string; id: string } }

function events(out: string): Event[] {
  return readFileSync(join(out, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Event);
}

test('a small scan runs end to end on Slurm, one job array per batch', async () => {
  const sinfo = spawnSync('sinfo', ['-h', '-o', '%t'], { encoding: 'utf8', env: { ...process.env, SLURM_CONF } });
  assert.ok(sinfo.status === 0 && /idle|mix|alloc/.test(sinfo.stdout), `Slurm is not running (sinfo: ${sinfo.stderr.trim() || sinfo.stdout.trim()}); start it with scripts/services.sh start slurm`);
  const dir = mkdtempSync(join(tmpdir(), 'quarry-slurm-scan-'));
  const out = join(dir, 'run');
  const run = await quarry(['scan', writeConfig(dir, '{type: slurm}'), '--out', out, '--quiet'], { env: { SLURM_CONF } });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /12 evaluations \(12 completed, 0 failed\)/);
  const submitted = events(out).filter((e) => e.type === 'attempt-submitted');
  assert.equal(submitted.length, 12);
  assert.ok(submitted.every((e) => e.handle?.executor === 'slurm' && /^\d+_\d+$/.test(e.handle.id)), JSON.stringify(submitted[0]));
  // the first batch of four went out as one array: four tasks of one job id
  const firstJob = new Set(submitted.slice(0, 4).map((e) => e.handle!.id.split('_')[0]));
  assert.equal(firstJob.size, 1);
  const csv = quarrySync(['export', out]).stdout.trim().split('\n');
  assert.equal(csv.length, 13);
  assert.ok(csv.slice(1).every((row) => row.split(',')[3] === 'completed'), csv.join('\n'));
});

test('a small scan runs end to end on the Redis queue with two `quarry worker`s', async () => {
  const ping = spawnSync('redis-cli', ['-u', REDIS, 'ping'], { encoding: 'utf8' });
  assert.ok(ping.status === 0 && ping.stdout.trim() === 'PONG', `Redis is not answering at ${REDIS}; start it with scripts/services.sh start redis`);
  const dir = mkdtempSync(join(tmpdir(), 'quarry-queue-scan-'));
  const queue = `scan-e2e-${process.pid}-${Date.now()}`;
  const workers = [1, 2].map(() => spawn(process.execPath, [BIN, 'worker', '--redis', REDIS, '--queue', queue, '--concurrency', '1'], { stdio: 'ignore' }));
  try {
    const out = join(dir, 'run');
    const run = await quarry(['scan', writeConfig(dir, `{type: queue, redis: '${REDIS}', queue: ${queue}}`), '--out', out, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /12 evaluations \(12 completed, 0 failed\)/);
    const submitted = events(out).filter((e) => e.type === 'attempt-submitted');
    assert.ok(submitted.every((e) => e.handle?.executor === 'queue'), JSON.stringify(submitted[0]));
    const exported = JSON.parse(quarrySync(['export', out, '--format', 'json']).stdout) as { points: { status: string; attempts: number; outputs: { f: number | null } }[] };
    assert.equal(exported.points.length, 12);
    assert.ok(exported.points.every((p) => p.status === 'completed' && p.attempts === 1 && Number.isFinite(p.outputs.f)));
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    spawnSync('redis-cli', ['-u', REDIS, '--scan', '--pattern', `bull:${queue}:*`], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean)
      .forEach((key) => spawnSync('redis-cli', ['-u', REDIS, 'del', key]));
  }
});
