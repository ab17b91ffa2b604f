/**
 * Pseudo-data for toys: main bins ~ Poisson(ν_b(θ)), auxiliary data from their constraint terms at θ
 * (Gaussian N(θ_j, σ_j) for normsys/histosys/staterror/lumi, Poisson(γ_j τ_j) for shapesys), as pyhf's
 * `Model.make_pdf(pars).sample()`.
 *
 * Poisson deviates: multiplication of uniforms for λ < 10 (Knuth, TAOCP vol. 2, §3.4.1 F), otherwise the
 * transformed rejection PTRS of W. Hörmann, Insurance: Math. Econ. 12 (1993) 39 (as in NumPy).
 */
import type { Model } from '../../histfactory/model.ts';
import { lgamma } from '../../numeric/special/index.ts';
import type { Rng } from '../../numeric/random/index.ts';

/** One Poisson(λ) deviate. */
export function poissonDeviate(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 10) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = rng.uniform();
    while (p > limit) {
      k++;
      p *= rng.uniform();
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lgamma(k + 1)) return k;
  }
}

/** Samples {main, aux} from the model at parameters θ. */
export function sampleData(model: Model, pars: ArrayLike<number>, rng: Rng): { main: Float64Array; aux: Float64Array } {
  const nu = model.expectedMain(pars);
  const expectedAux = model.expectedAux(pars);
  const main = new Float64Array(nu.length);
  for (let b = 0; b < nu.length; b++) main[b] = poissonDeviate(rng, nu[b]);
  const aux = new Float64Array(expectedAux.length);
  for (const set of model.parameterSets) {
    if (set.auxOffset < 0 || set.constraint === 'none') continue;
    for (let i = 0; i < set.n; i++) {
      const j = set.auxOffset + i;
      aux[j] = set.constraint === 'poisson' ? poissonDeviate(rng, expectedAux[j]) : expectedAux[j] + set.sigmas[i] * rng.normal();
    }
  }
  return { main, aux };
}
