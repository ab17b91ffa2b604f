import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, createStreams, rngFromState, shuffle, type Rng } from './index.ts';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.uniform());
}

test('the same seed gives the same sequence, and different seeds different ones', () => {
  assert.deepEqual(draws(createRng(42), 100), draws(createRng(42), 100));
  assert.notDeepEqual(draws(createRng(42), 100), draws(createRng(43), 100));
});

test('the sequence is pinned, so it is the same on every machine and release', () => {
  const rng = createRng(2024);
  const got = [rng.uniform(), rng.uniform(), rng.integer(1000), rng.normal()];
  // Regenerate only on purpose: changing these numbers changes every seeded result in quarry.
  assert.deepEqual(got, PINNED);
});
const PINNED = [0.053235986015280234, 0.746907851396185, 415, -1.4537280511053394];

test('uniforms lie in [0, 1), are multiples of 2^-53, and have the moments of U(0, 1)', () => {
  const rng = createRng(7);
  const n = 100_000;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    assert.ok(u >= 0 && u < 1);
    assert.equal(Number.isInteger(u * 2 ** 53), true);
    sum += u;
    sum2 += u * u;
  }
  const mean = sum / n;
  const variance = sum2 / n - mean * mean;
  // 5σ bounds: sd(mean) = √(1/12n) ≈ 9.1e-4; sd(var) = √(1/180n) ≈ 2.4e-4.
  assert.ok(Math.abs(mean - 0.5) < 5 * 9.2e-4, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1 / 12) < 5 * 2.4e-4, `variance ${variance}`);
});

test('normals have the first four moments of N(0, 1)', () => {
  const rng = createRng(11);
  const n = 100_000;
  const m = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    m[0] += z;
    m[1] += z * z;
    m[2] += z * z * z;
    m[3] += z * z * z * z;
  }
  const [m1, m2, m3, m4] = m.map((v) => v / n);
  // 5σ bounds: sd = √(μ₂ₖ − μₖ²)/√n → 1, √2, √15, √96 over √n.
  const s = 5 / Math.sqrt(n);
  assert.ok(Math.abs(m1) < s, `mean ${m1}`);
  assert.ok(Math.abs(m2 - 1) < s * Math.SQRT2, `E z² ${m2}`);
  assert.ok(Math.abs(m3) < s * Math.sqrt(15), `E z³ ${m3}`);
  assert.ok(Math.abs(m4 - 3) < s * Math.sqrt(96), `E z⁴ ${m4}`);
});

test('integer(n) covers {0, …, n − 1} evenly and rejects invalid bounds', () => {
  const rng = createRng(3);
  const n = 7;
  const counts = new Array<number>(n).fill(0);
  const draws = 70_000;
  for (let i = 0; i < draws; i++) {
    const k = rng.integer(n);
    assert.ok(Number.isInteger(k) && k >= 0 && k < n);
    counts[k]++;
  }
  const expected = draws / n;
  const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
  assert.ok(chi2 < 22.46, `χ²(6 dof) = ${chi2} (p < 0.001 threshold 22.46)`); // chi2Isf(1e-3, 6)
  assert.equal(rng.integer(1), 0);
  for (let i = 0; i < 1000; i++) {
    const big = rng.integer(2 ** 40 + 3);
    assert.ok(Number.isInteger(big) && big >= 0 && big < 2 ** 40 + 3);
  }
  for (const bad of [0, -1, 2.5, NaN, 2 ** 53 + 2]) assert.throws(() => rng.integer(bad), { code: 'INVALID_ARGUMENT' });
});

test('fork gives an independent stream, deterministically, and advances the parent', () => {
  const a = createRng(5);
  const b = createRng(5);
  const childA = a.fork();
  const childB = b.fork();
  assert.deepEqual(draws(childA, 50), draws(childB, 50));
  const parent = draws(a, 1000);
  const child = draws(a.fork(), 1000);
  const sibling = draws(a.fork(), 1000);
  const seen = new Set(parent);
  assert.ok(!child.some((u) => seen.has(u)) && !sibling.some((u) => seen.has(u)));
  assert.notDeepEqual(child, sibling);
  // Sample correlation of parallel draws is O(1/√n).
  let c = 0;
  for (let i = 0; i < 1000; i++) c += (child[i] - 0.5) * (sibling[i] - 0.5);
  assert.ok(Math.abs(c / 1000 / (1 / 12)) < 5 / Math.sqrt(1000));
});

test('createStreams gives distinct, reproducible jumped streams', () => {
  const s = createStreams(9, 3).map((r) => draws(r, 20));
  assert.deepEqual(s, createStreams(9, 3).map((r) => draws(r, 20)));
  assert.notDeepEqual(s[0], s[1]);
  assert.notDeepEqual(s[1], s[2]);
});

test('state survives a JSON round trip, including the cached normal', () => {
  const rng = createRng(99);
  rng.normal(); // leaves a spare normal in the cache
  const restored = rngFromState(JSON.parse(JSON.stringify(rng.state())));
  assert.deepEqual([rng.normal(), rng.uniform(), rng.normal()], [restored.normal(), restored.uniform(), restored.normal()]);
  assert.throws(() => rngFromState({ kind: 'mt' }), { code: 'INVALID_INPUT' });
  assert.throws(() => createRng(1.5), { code: 'INVALID_ARGUMENT' });
});

test('shuffle permutes in place, reproducibly, with every position reachable', () => {
  const a = shuffle(createRng(1), Array.from({ length: 50 }, (_, i) => i));
  assert.deepEqual([...a].sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
  assert.deepEqual(a, shuffle(createRng(1), Array.from({ length: 50 }, (_, i) => i)));
  const typed = shuffle(createRng(2), new Float64Array([1, 2, 3, 4]));
  assert.equal(typed.length, 4);
  const rng = createRng(4);
  const firstSeen = new Set<number>();
  for (let i = 0; i < 200; i++) firstSeen.add(shuffle(rng, [0, 1, 2, 3, 4])[0]);
  assert.equal(firstSeen.size, 5);
});
