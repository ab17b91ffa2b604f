import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRng } from '../random/index.ts';
import { SOBOL_MAX_DIMENSION, sobolPoints } from './index.ts';

const golden = JSON.parse(readFileSync(new URL('../../../test/golden/sobol.json', import.meta.url), 'utf8')) as {
  dimension: number;
  first64: number[][];
  index1000to1023: number[][];
};

function asIntegers(points: Float64Array, dimension: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < points.length / dimension; i++) {
    rows.push(Array.from(points.subarray(i * dimension, (i + 1) * dimension), (x) => x * 2 ** 30));
  }
  return rows;
}

test('the unscrambled sequence matches scipy.stats.qmc.Sobol bit for bit in 40 dimensions', () => {
  const d = golden.dimension;
  assert.equal(SOBOL_MAX_DIMENSION, d);
  assert.deepEqual(asIntegers(sobolPoints(64, d), d), golden.first64);
  assert.deepEqual(asIntegers(sobolPoints(24, d, { skip: 1000 }), d), golden.index1000to1023);
});

test('lower dimensions are the leading columns, and skip continues the sequence', () => {
  const full = sobolPoints(32, 40);
  const six = sobolPoints(32, 6);
  for (let i = 0; i < 32; i++) for (let j = 0; j < 6; j++) assert.equal(six[i * 6 + j], full[i * 40 + j]);
  assert.deepEqual(sobolPoints(10, 3, { skip: 22 }), sobolPoints(32, 3).subarray(66));
});

test('every 2^m block is a (0, m, 1)-net in each coordinate: one point per dyadic interval', () => {
  const n = 256;
  const d = 21;
  for (const scramble of [undefined, createRng(1)]) {
    const pts = sobolPoints(n, d, { scramble });
    for (let j = 0; j < d; j++) {
      const hit = new Uint8Array(n);
      for (let i = 0; i < n; i++) hit[Math.floor(pts[i * d + j] * n)]++;
      assert.ok(hit.every((h) => h === 1), `dimension ${j}`);
    }
  }
});

test('scrambling is reproducible from the seed, stays in [0, 1), and changes the points', () => {
  const a = sobolPoints(64, 5, { scramble: createRng(7) });
  assert.deepEqual(a, sobolPoints(64, 5, { scramble: createRng(7) }));
  assert.notDeepEqual(a, sobolPoints(64, 5, { scramble: createRng(8) }));
  assert.ok(a.every((x) => x >= 0 && x < 1));
  assert.notEqual(a[0], 0);
  // The mean of a scrambled net estimates ∫ x dx = 1/2 with error O(n^{-3/2}).
  let mean = 0;
  for (let i = 0; i < 64; i++) mean += a[i * 5 + 2] / 64;
  assert.ok(Math.abs(mean - 0.5) < 0.02);
});

test('invalid arguments are rejected with a hint', () => {
  assert.throws(() => sobolPoints(4, 0), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => sobolPoints(4, 41), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => sobolPoints(-1, 2), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => sobolPoints(4, 2, { skip: 2 ** 30 }), { code: 'INVALID_ARGUMENT' });
  assert.equal(sobolPoints(0, 3).length, 0);
});
