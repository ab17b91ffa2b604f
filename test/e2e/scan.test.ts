/**
 * End-to-end scans through the CLI on the local executor: the example config as written, the
 * command form with a misbehaving evaluator (crashes, NaN, a hang past the timeout, garbage), and
 * status / export / predict / cancel on the run directory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quarry, quarrySync } from './run-quarry.ts';
import { writeScanConfig } from './scan-fixtures/write-config.ts';
import type { ExportedPoint } from '../../src/scan/export.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/toy/toy.yaml', import.meta.url));
const FAULTY = fileURLToPath(new URL('./scan-fixtures/faulty.mjs', import.meta.url));
const SLEEPY = fileURLToPath(new URL('./scan-fixtures/sleepy.mjs', import.meta.url));
const PARABOLOID_TS = fileURLToPath(new URL('./scan-fixtures/paraboloid.ts', import.meta.url));

test('the example config runs as written and every export describes its 40 points', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'quarry-scan-')), 'run');
  const run = await quarry(['scan', EXAMPLE, '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /scan "toy" finished: 40 evaluations \(40 completed, 0 failed\)/);
  assert.match(run.stderr, /iteration \d+ · \d+\/40 done/); // plain progress lines when not a terminal

  const csv = quarrySync(['export', out, '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const [header, ...rows] = csv.stdout.trim().split('\n');
  assert.deepEqual(header.split(',').slice(0, 5), ['x', 'y', 'f', 'status', 'attempts']);
  assert.equal(rows.length, 40);
  for (const row of rows) {
    const [x, y, f, status, attempts] = row.split(',');
    assert.ok(Number(x) >= 0 && Number(x) <= 1.5 && Number(y) >= 0 && Number(y) <= 1.5, row);
    assert.ok(Number.isFinite(Number(f)), row);
    assert.equal(status, 'completed');
    assert.equal(attempts, '1');
  }

  const status = JSON.parse(quarrySync(['status', out, '--json']).stdout) as { state: string; counts: { completed: number; misclassification: number } };
  assert.equal(status.state, 'finished');
  assert.equal(status.counts.completed, 40);
  assert.ok(status.counts.misclassification < 0.05, String(status.counts.misclassification));

  const geojson = JSON.parse(quarrySync(['export', out, '--format', 'geojson']).stdout) as { features: { properties: { output: string; threshold: number }; geometry: { coordinates: unknown[] } }[] };
  assert.equal(geojson.features.length, 1);
  assert.deepEqual([geojson.features[0].properties.output, geojson.features[0].properties.threshold], ['f', 0]);
  assert.ok(geojson.features[0].geometry.coordinates.length >= 1);

  const swapped = JSON.parse(quarrySync(['export', out, '--format', 'geojson', '--axes', 'y,x', '--grid', '31']).stdout) as { features: { properties: { axes: string[] } }[] };
  assert.deepEqual(swapped.features[0].properties.axes, ['y', 'x']);
  const badAxes = quarrySync(['export', out, '--format', 'geojson', '--axes', 'x,mass']);
  assert.equal(badAxes.code, 2);
  assert.match(badAxes.stderr, /"mass", which is not a free parameter of this scan\n {2}hint: use one of: x, y/);

  // predictions agree with the physics toy where it is far from the contour
  const points = join(out, '..', 'points.csv');
  writeFileSync(points, 'x,y\n0.1,0.1\n0.1,1.4\n');
  const predict = quarrySync(['predict', out, '--points', points, '--json']);
  assert.equal(predict.code, 0, predict.stderr);
  const [excluded, allowed] = JSON.parse(predict.stdout) as { outputs: { f: { mean: number; std: number; pExcluded: number } } }[];
  assert.ok(excluded.outputs.f.pExcluded > 0.99, JSON.stringify(excluded));
  assert.ok(allowed.outputs.f.pExcluded < 0.01, JSON.stringify(allowed));
});

test('a scan survives an evaluator that crashes, prints NaN, hangs and writes garbage, and records each fault on its point', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-faults-'));
  const config = writeScanConfig(dir, 'faults', {
    evaluator: `{type: command, run: "'${process.execPath}' '${FAULTY}' {x} {y}", timeout: 1, retries: 2, retryDelay: 0}`,
    design: '{type: list, points: [{x: 0.11, y: 0.5}, {x: 0.22, y: 0.5}, {x: 0.33, y: 0.5}, {x: 0.44, y: 0.5}, {x: 0.9, y: 0.2}, {x: 1.2, y: 1.1}, {x: 0.6, y: 1.3}, {x: 1.4, y: 0.4}]}',
    batch: '4',
    stop: '{budget: 14}',
    seed: '3',
  });
  const out = join(dir, 'run');
  const run = await quarry(['scan', config, '--out', out, '--quiet']);
  assert.equal(run.code, 0, run.stderr);
  const exported = JSON.parse(quarrySync(['export', out, '--format', 'json']).stdout) as { points: ExportedPoint[] };
  assert.equal(exported.points.length, 14);
  const at = (x: number) => exported.points.find((p) => Math.abs(p.point.x - x) < 1e-9)!;
  assert.deepEqual([at(0.11).status, at(0.11).fault, at(0.11).attempts], ['failed', 'nan', 1]); // NaN is not retried: it would be again
  assert.match(at(0.11).error!, /f = "NaN"/);
  assert.deepEqual([at(0.22).status, at(0.22).fault, at(0.22).attempts], ['failed', 'timeout', 3]);
  assert.deepEqual([at(0.33).status, at(0.33).fault, at(0.33).attempts], ['failed', 'garbage', 3]);
  assert.match(at(0.33).error!, /not JSON/);
  assert.deepEqual([at(0.44).status, at(0.44).attempts], ['completed', 2]); // crashed once, then ran
  const crashed = at(0.44);
  assert.equal(crashed.fault, null);
  // every point ended; the first attempt's crash is in the log of the 0.44 point
  assert.ok(exported.points.every((p) => p.status === 'completed' || p.status === 'failed'));
  const status = JSON.parse(quarrySync(['status', out, '--json']).stdout) as { counts: { faults: Record<string, number>; failed: number } };
  assert.ok(status.counts.faults.crash >= 1 && status.counts.faults.timeout === 3 && status.counts.faults.garbage === 3 && status.counts.faults.nan === 1, JSON.stringify(status.counts));
  const csv = quarrySync(['export', out]).stdout.trim().split('\n');
  assert.equal(csv.length, 15);
  assert.ok(csv.some((row) => row.includes(',failed,3,timeout,')), csv.join('\n'));
});

test('status, export and predict on a directory without a run, and cancel of a finished scan, answer in one line', () => {
  const empty = mkdtempSync(join(tmpdir(), 'quarry-empty-'));
  for (const args of [['status', empty], ['export', empty, '--format', 'csv'], ['predict', empty, '--points', 'p.csv'], ['cancel', empty]]) {
    const r = quarrySync(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^quarry: error: .*holds no quarry run.*\n {2}hint: .*\n$/);
  }
  assert.equal(existsSync(join(empty, 'events.jsonl')), false);
  const bad = quarrySync(['export', empty, '--format', 'xlsx']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown export format "xlsx"/);
  assert.ok(readFileSync(EXAMPLE, 'utf8').includes('batch: 4'));
});

test('a second driver is refused; quarry cancel stops a running scan, kills its jobs and keeps the finished points', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-cancel-'));
  const config = writeScanConfig(dir, 'cancel-me', {
    evaluator: `{type: command, run: "'${process.execPath}' '${SLEEPY}' {x} {y}"}`,
    design: '{type: list, points: [{x: 0.1, y: 0.2}, {x: 0.3, y: 0.9}, {x: 1.0, y: 0.5}, {x: 1.4, y: 1.2}]}',
    batch: '4',
    stop: '{budget: 30}',
    poll: '0.2',
  });
  const out = join(dir, 'run');
  const scan = quarry(['scan', config, '--out', out, '--quiet']);
  const sleepers = () => exportedRows(out).filter((p) => p.status === 'running').length;
  for (let t = 0; t < 300 && !(existsSync(join(out, 'events.jsonl')) && sleepers() === 2); t++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(sleepers(), 2, 'both slow points should be running');
  const second = quarrySync(['scan', config, '--out', out]);
  assert.equal(second.code, 2, 'one driver per run directory');
  assert.match(second.stderr, /^quarry: error: .* is being driven by process \d+ on .*\n {2}hint: /);
  const cancel = quarrySync(['cancel', out]);
  assert.equal(cancel.code, 0, cancel.stderr);
  assert.match(cancel.stdout, /cancelled scan "cancel-me"/);
  const result = await scan;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /scan "cancel-me" cancelled: 2 evaluations \(2 completed, 0 failed, 2 abandoned\)/);
  const rows = exportedRows(out);
  assert.deepEqual(rows.map((p) => p.status), ['completed', 'completed', 'abandoned', 'abandoned']);
  for (const pid of readdirSync(join(out, 'points')).map((h) => join(out, 'points', h, 'sleeper.pid')).filter(existsSync).map((f) => Number(readFileSync(f, 'utf8')))) {
    assert.equal(alive(pid), false, `the evaluator ${pid} should have been killed`);
  }
  const status = JSON.parse(quarrySync(['status', out, '--json']).stdout) as { state: string };
  assert.equal(status.state, 'cancelled');
});

/** True for a running process; a killed one may linger as a zombie when this container's PID 1 does not reap orphans. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

function exportedRows(out: string): ExportedPoint[] {
  const r = quarrySync(['export', out, '--format', 'json']);
  return r.code === 0 ? (JSON.parse(r.stdout) as { points: ExportedPoint[] }).points : [];
}

test('batch: fill keeps every worker busy with points proposed one slot at a time (a TypeScript module evaluator)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-fill-'));
  const config = writeScanConfig(dir, 'fill', {
    evaluator: `{type: module, path: '${PARABOLOID_TS}'}`,
    design: '{type: sobol, points: 4}',
    batch: 'fill',
    stop: '{budget: 10}',
  });
  const out = join(dir, 'run');
  const run = await quarry(['scan', config, '--out', out, '--quiet']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /10 evaluations \(10 completed, 0 failed\)/);
  const events = readFileSync(join(out, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; trials?: unknown[] });
  const proposed = events.filter((e) => e.type === 'batch-proposed').map((e) => e.trials!.length);
  assert.equal(proposed.reduce((a, b) => a + b, 0), 10);
  assert.ok(proposed.every((n) => n <= 2), `never more points in flight than workers: ${proposed.join(',')}`);
});
