import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../histfactory/model.ts';
import type { WorkspaceSpec } from '../../histfactory/spec.ts';
import { countingSpec } from '../counting-fixture.test-helper.ts';
import { hypotest } from '../hypotest.ts';
import { TOY_CHUNK } from './toys-chunks.ts';
import { toyThreads } from './toys-pool.ts';
import { closeToyWorkers, ToyCalculator } from './toys.ts';

after(() => closeToyWorkers());

/** A counting workspace with a 5 % background normsys, so that the toys also fit a nuisance parameter. */
function uncertainSpec(): WorkspaceSpec {
  const spec = countingSpec([52, 61], [50, 55], [8, 12]) as unknown as { channels: { samples: { name: string; modifiers: unknown[] }[] }[] };
  spec.channels[0].samples[1].modifiers.push({ name: 'bkg_norm', type: 'normsys', data: { hi: 1.05, lo: 0.95 } });
  return spec as unknown as WorkspaceSpec;
}

test('one thread and two give bit-identical toys and CLs for a seed', () => {
  const spec = uncertainSpec();
  const model = buildModel(spec);
  const data = model.observedData(spec);
  const options = { ntoys: 400, seed: 11, source: { spec } };
  const one = new ToyCalculator(model, data, { ...options, threads: 1 }).distributions(1);
  const two = new ToyCalculator(model, data, { ...options, threads: 2 }).distributions(1);
  assert.deepEqual(two, one);
  assert.equal(one[0].length, 400);
  assert.ok(one[0].every(Number.isFinite) && one[1].every(Number.isFinite));
  const r1 = hypotest(model, data, 1, { calculator: 'toys', ...options, threads: 1 });
  const r2 = hypotest(model, data, 1, { calculator: 'toys', ...options, threads: 2 });
  assert.deepEqual(r2, r1);
  const other = hypotest(model, data, 1, { calculator: 'toys', ...options, seed: 12, threads: 2 });
  assert.notDeepEqual(other, r1);
});

test('the toys come in fixed chunks: fewer toys are a prefix of more, whatever the threads', () => {
  const spec = uncertainSpec();
  const model = buildModel(spec);
  const data = model.observedData(spec);
  const few = new ToyCalculator(model, data, { ntoys: 2 * TOY_CHUNK + 3, seed: 5, threads: 1 }).distributions(1.5);
  const many = new ToyCalculator(model, data, { ntoys: 240, seed: 5, source: { spec }, threads: 2 }).distributions(1.5);
  for (const h of [0, 1]) assert.deepEqual(few[h], many[h].subarray(0, few[h].length));
});

test('a worker that cannot build the model costs time, not results: the calling thread runs its toys', () => {
  const spec = uncertainSpec();
  const model = buildModel(spec);
  const data = model.observedData(spec);
  const good = new ToyCalculator(model, data, { ntoys: 200, seed: 2, threads: 1 }).distributions(1);
  const broken = { spec: { channels: 'not a workspace' } as unknown as WorkspaceSpec };
  const fallback = new ToyCalculator(model, data, { ntoys: 200, seed: 2, source: broken, threads: 2 }).distributions(1);
  assert.deepEqual(fallback, good);
});

test('thread count: option, then QUARRY_TOY_THREADS, else the cores', () => {
  const saved = process.env.QUARRY_TOY_THREADS;
  try {
    process.env.QUARRY_TOY_THREADS = '1';
    assert.equal(toyThreads(), 1);
    assert.equal(toyThreads(3), 3);
    delete process.env.QUARRY_TOY_THREADS;
    assert.ok(toyThreads() >= 1);
    assert.equal(toyThreads(0), 1);
  } finally {
    if (saved === undefined) delete process.env.QUARRY_TOY_THREADS;
    else process.env.QUARRY_TOY_THREADS = saved;
  }
});

test('on a high-count counting model the toy CLs agrees with the asymptotic one within statistical error', () => {
  const spec = countingSpec([1000], [1000], [50]);
  const model = buildModel(spec);
  const data = model.observedData(spec);
  const ntoys = 2000;
  const toys = hypotest(model, data, 1, { calculator: 'toys', ntoys, seed: 1, source: { spec }, threads: 2 });
  const asym = hypotest(model, data, 1);
  // binomial errors of CLs+b and CLb, propagated to their ratio, plus 1 % of CLs for the asymptotic formulae
  const sd = (p: number): number => Math.sqrt(Math.max(p * (1 - p), 1 / ntoys) / ntoys);
  const sigma = asym.cls * Math.hypot(sd(asym.clsb) / asym.clsb, sd(asym.clb) / asym.clb);
  assert.ok(asym.cls > 0.02 && asym.cls < 0.5, `asymptotic CLs ${asym.cls} should be in the informative range`);
  assert.ok(Math.abs(toys.cls - asym.cls) < 4 * sigma + 0.01 * asym.cls, `toys ${toys.cls} vs asymptotic ${asym.cls} (σ ${sigma})`);
  assert.ok(Math.abs(toys.clsb - asym.clsb) < 4 * sd(asym.clsb) + 0.005, `CLs+b: toys ${toys.clsb} vs asymptotic ${asym.clsb}`);
  assert.ok(Math.abs(toys.expected.median - asym.expected.median) < 0.03, `median: toys ${toys.expected.median} vs asymptotic ${asym.expected.median}`);
});
