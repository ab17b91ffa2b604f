import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { code4, code4p, code1, code0 } from './interpolation/index.ts';
import { Kernel } from './model-kernel.ts';
import { buildLayout, type Layout } from './model-layout.ts';
import type { WorkspaceSpec } from './spec.ts';

const root = new URL('../../../shared/reference/histfactory/workspaces/', import.meta.url);

/** The slow reference: every term of every sample, bin by bin, straight from the layout. */
function slowYields(layout: Layout, pars: ArrayLike<number>): number[] {
  const nu = new Array<number>(layout.nMain).fill(0);
  const value = new Float64Array(1);
  const deriv = new Float64Array(1);
  for (const block of layout.blocks) {
    for (let b = 0; b < block.nbins; b++) {
      let y = block.nominal[b];
      for (const t of block.terms) {
        if (t.op !== 'delta') continue;
        t.code.evaluate(t.coefficients, b * t.code.nCoefficients, 1, pars[t.param], value, deriv, 0);
        y += value[0];
      }
      for (const t of block.terms) {
        if (t.op === 'scale') y *= pars[t.param];
        else if (t.op === 'scale-bins') y *= pars[t.param + b];
        else if (t.op === 'factor') {
          t.code.evaluate(t.coefficients, 0, 1, pars[t.param], value, deriv, 0);
          y *= t.code.kind === 'additive' ? 1 + value[0] : value[0];
        }
      }
      nu[block.binOffset + b] += y;
    }
  }
  return nu;
}

for (const [name, codes] of [
  ['sbottom_RegionC_1600_850_60', { normsys: code4, histosys: code4p }],
  ['sbottom_RegionA_1300_205_60', { normsys: code1, histosys: code0 }],
  ['xmlimport_input_bkg', { normsys: code4, histosys: code4p }],
] as const) {
  test(`${name}: the compiled yields agree with the term-by-term reference at random parameters`, () => {
    const spec = JSON.parse(readFileSync(new URL(`${name}.json`, root), 'utf8')) as WorkspaceSpec;
    const layout = buildLayout(spec, undefined, codes);
    const kernel = new Kernel(layout);
    let seed = 12345;
    const uniform = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 5; trial++) {
      const pars = new Float64Array(layout.parameters.length);
      for (const set of layout.sets) {
        for (let i = 0; i < set.n; i++) pars[set.offset + i] = set.inits[i] === 0 ? 6 * uniform() - 3 : 0.5 + uniform();
      }
      const fast = kernel.expectedMain(pars);
      slowYields(layout, pars).forEach((v, b) => assert.ok(Math.abs(fast[b] - v) <= 1e-12 * Math.abs(v), `bin ${b}: ${fast[b]} vs ${v}`));
    }
  });
}
