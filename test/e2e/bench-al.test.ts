import assert from 'node:assert/strict';
import { quarrySync } from './run-quarry.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';



describe('quarry bench-al', () => {
  it('runs a named problem and prints one JSON object with a learning curve per seed, identical for the same seed', () => {
    const args = ['bench-al', 'oned_fast', '--acquisition', 'entropy', '--batch', '1', '--init', '2', '--budget', '9', '--seeds', '2', '--json'];
    const r = quarrySync(args);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.runs.length, 2);
    for (const run of out.runs) {
      const evaluations = run.curve.map((p: { evaluations: number }) => p.evaluations);
      assert.deepEqual(evaluations, [...evaluations].sort((a, b) => a - b));
      assert.equal(evaluations.at(-1), 9);
      for (const p of run.curve) {
        assert.ok(p.balancedAccuracy >= 0 && p.balancedAccuracy <= 1);
        assert.ok(p.seconds >= 0);
      }
    }
    assert.ok(out.runs[0].curve.at(-1).balancedAccuracy > 0.95, 'oned_fast is learnt with 9 evaluations');
    const again = JSON.parse(quarrySync(args).stdout);
    assert.deepEqual(again.runs.map((run: { curve: { balancedAccuracy: number }[] }) => run.curve.map((p) => p.balancedAccuracy)), out.runs.map((run: { curve: { balancedAccuracy: number }[] }) => run.curve.map((p) => p.balancedAccuracy)));
  });

  it('runs a user problem module and prints a line per iteration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-al-'));
    const file = join(dir, 'disc.mjs');
    writeFileSync(file, `export const problem = {
  parameters: [{ name: 'a', lower: -1, upper: 1 }, { name: 'b', lower: -1, upper: 1 }],
  thresholds: [0.25],
  functions: [(x) => x.a * x.a + x.b * x.b],
  truthGrid: 41,
};\n`);
    const r = quarrySync(['bench-al', file, '--batch', '4', '--init', '4', '--budget', '16']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /disc/);
    assert.match(r.stdout, /seed 0 +iteration +\d+ +evaluations +16 +balanced accuracy 0\.\d+/);
  });

  it('rejects an unknown problem and an unknown acquisition with the valid names', () => {
    const p = quarrySync(['bench-al', 'no_such_problem']);
    assert.equal(p.code, 2);
    assert.match(p.stderr, /fast_2d/);
    const a = quarrySync(['bench-al', 'fast_2d', '--acquisition', 'greedy']);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /entropy/);
    const w = quarrySync(['bench-al', 'fast_2d', '--warp', 'log']);
    assert.equal(w.code, 2);
    assert.match(w.stderr, /--warp log is not a warping mode[\s\S]*--warp auto/);
  });

  it('models a saturating output through a warping with --warp auto (checkmate learnt to 0.99 in 20 evaluations)', () => {
    const r = quarrySync(['bench-al', 'checkmate', '--batch', '2', '--init', '4', '--budget', '20', '--warp', 'auto', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).runs[0].curve.at(-1).balancedAccuracy >= 0.99, r.stdout);
  });
});
