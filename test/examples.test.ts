/** The examples stay runnable: every config in examples/ validates, and the resonance evaluator gives physical limits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScanConfig } from '../src/scan/config.ts';
import { evaluate } from '../examples/resonance/evaluate.ts';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));

test('every example config loads', () => {
  const configs = readdirSync(EXAMPLES).flatMap((d) => readdirSync(join(EXAMPLES, d)).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(EXAMPLES, d, f)));
  assert.ok(configs.length >= 3, configs.join(', '));
  for (const path of configs) assert.doesNotThrow(() => loadScanConfig(path), path);
});

test('the resonance evaluator excludes a strong coupling, not a weak one, with an ordered expected band', () => {
  const strong = evaluate({ mass: 500, coupling: 0.5 });
  const weak = evaluate({ mass: 1500, coupling: 0.05 });
  assert.ok(strong.mu_obs! < 1 && weak.mu_obs! > 1, JSON.stringify({ strong, weak }));
  for (const r of [strong, weak]) {
    assert.ok(r.mu_exp_minus2! < r.mu_exp_minus1! && r.mu_exp_minus1! < r.mu_exp! && r.mu_exp! < r.mu_exp_plus1! && r.mu_exp_plus1! < r.mu_exp_plus2!, JSON.stringify(r));
  }
  // μ_up scales as 1/σ ∝ 1/g² where the background dominates: a coupling 2x smaller needs a 4x larger μ (within 20 %)
  const half = evaluate({ mass: 1000, coupling: 0.2 });
  const quarter = evaluate({ mass: 1000, coupling: 0.1 });
  assert.ok(Math.abs(quarter.mu_exp! / half.mu_exp! / 4 - 1) < 0.2, `${quarter.mu_exp} / ${half.mu_exp}`);
});
