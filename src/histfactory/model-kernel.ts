/**
 * The compiled likelihood: a Layout flattened into typed arrays, evaluated without allocation.
 *
 * Yields: ν_sb = (ν⁰_sb + Σ_h Δ_hsb(α_h)) · P_s · B_sb, summed over samples into ν_b, where P_s is the
 * product of the sample's scalar factors (normfactor, lumi, normsys) and B_sb of its per-bin factors
 * (shapesys, staterror, shapefactor).
 * ln L = Σ_b ln Pois(n_b | ν_b) + Σ ln N(a | θ, σ) + Σ ln Pois(a | γτ)  (pyhf `Model.logpdf`).
 * The gradient is exact: w_b = ∂ ln L/∂ν_b = n_b/ν_b − 1 is pushed through each term with the product of
 * the *other* factors (prefix/suffix products, so a factor at 0, e.g. μ = 0, needs no division).
 */
import type { InterpolationCode } from './interpolation/index.ts';
import type { Layout } from './model-layout.ts';
import { poissonLogPdf, poissonLogPdfDNu } from './poisson.ts';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const NO_CODE: InterpolationCode = { name: 'none', kind: 'additive', nCoefficients: 0, prepare() {}, evaluate() {} };

export class Kernel {
  readonly nMain: number;
  readonly nAux: number;
  // Per block (one sample in one channel): first main bin, bins, first cell, and ranges of its terms.
  private readonly blockBin: Int32Array;
  private readonly blockN: Int32Array;
  private readonly blockCell: Int32Array;
  private readonly blockScalar: Int32Array;
  private readonly blockBins: Int32Array;
  private readonly blockDelta: Int32Array;
  private readonly nominal: Float64Array;
  // Scalar factors: parameter, coefficient offset (−1: the parameter itself), 1 for 1 + Δ codes.
  private readonly scalarParam: Int32Array;
  private readonly scalarCoef: Int32Array;
  private readonly scalarAdditive: Uint8Array;
  private readonly binsParam: Int32Array;
  private readonly deltaParam: Int32Array;
  private readonly deltaCoef: Int32Array;
  private readonly coef: Float64Array;
  private readonly factorCode: InterpolationCode;
  private readonly deltaCode: InterpolationCode;
  private readonly gaussParam: Int32Array;
  private readonly gaussAux: Int32Array;
  private readonly gaussInvVar: Float64Array;
  private readonly gaussLogNorm: Float64Array;
  private readonly poisParam: Int32Array;
  private readonly poisAux: Int32Array;
  private readonly poisTau: Float64Array;
  // Scratch buffers, reused by every call.
  private readonly nu: Float64Array;
  private readonly base: Float64Array;
  private readonly binFactor: Float64Array;
  private readonly blockProduct: Float64Array;
  private readonly scalarValue: Float64Array;
  private readonly scalarDeriv: Float64Array;
  private readonly deltaValue: Float64Array;
  private readonly deltaDeriv: Float64Array;
  private readonly prefix: Float64Array;
  /** Stride of the Δ caches: the most bins of any channel. */
  private readonly maxBins: number;

  constructor(layout: Layout) {
    const { blocks, sets } = layout;
    this.nMain = layout.nMain;
    this.nAux = layout.nAux;
    const nBlocks = blocks.length;
    this.blockBin = new Int32Array(nBlocks);
    this.blockN = new Int32Array(nBlocks);
    this.blockCell = new Int32Array(nBlocks + 1);
    this.blockScalar = new Int32Array(nBlocks + 1);
    this.blockBins = new Int32Array(nBlocks + 1);
    this.blockDelta = new Int32Array(nBlocks + 1);
    const scalar: { param: number; coef: number; additive: number }[] = [];
    const bins: number[] = [];
    const delta: { param: number; coef: number }[] = [];
    const coef: number[] = [];
    const nominal: number[] = [];
    let factorCode = NO_CODE;
    let deltaCode = NO_CODE;
    let maxTerms = 0;
    blocks.forEach((block, k) => {
      this.blockBin[k] = block.binOffset;
      this.blockN[k] = block.nbins;
      this.blockCell[k] = nominal.length;
      this.blockScalar[k] = scalar.length;
      this.blockBins[k] = bins.length;
      this.blockDelta[k] = delta.length;
      for (const v of block.nominal) nominal.push(v);
      for (const term of block.terms) {
        if (term.op === 'delta') {
          deltaCode = term.code;
          delta.push({ param: term.param, coef: coef.length });
          for (const v of term.coefficients) coef.push(v);
        } else if (term.op === 'factor') {
          factorCode = term.code;
          scalar.push({ param: term.param, coef: coef.length, additive: term.code.kind === 'additive' ? 1 : 0 });
          for (const v of term.coefficients) coef.push(v);
        } else if (term.op === 'scale') {
          scalar.push({ param: term.param, coef: -1, additive: 0 });
        } else {
          bins.push(term.param);
        }
      }
      maxTerms = Math.max(maxTerms, scalar.length - this.blockScalar[k], bins.length - this.blockBins[k]);
    });
    this.blockCell[nBlocks] = nominal.length;
    this.blockScalar[nBlocks] = scalar.length;
    this.blockBins[nBlocks] = bins.length;
    this.blockDelta[nBlocks] = delta.length;
    this.nominal = Float64Array.from(nominal);
    this.scalarParam = Int32Array.from(scalar, (s) => s.param);
    this.scalarCoef = Int32Array.from(scalar, (s) => s.coef);
    this.scalarAdditive = Uint8Array.from(scalar, (s) => s.additive);
    this.binsParam = Int32Array.from(bins);
    this.deltaParam = Int32Array.from(delta, (d) => d.param);
    this.deltaCoef = Int32Array.from(delta, (d) => d.coef);
    this.coef = Float64Array.from(coef);
    this.factorCode = factorCode;
    this.deltaCode = deltaCode;

    const gauss: { p: number; a: number; sigma: number }[] = [];
    const pois: { p: number; a: number; tau: number }[] = [];
    for (const set of sets) {
      for (let i = 0; i < set.n; i++) {
        if (set.constraint === 'normal') gauss.push({ p: set.offset + i, a: set.auxOffset + i, sigma: set.sigmas[i] });
        else if (set.constraint === 'poisson') pois.push({ p: set.offset + i, a: set.auxOffset + i, tau: set.factors[i] });
      }
    }
    this.gaussParam = Int32Array.from(gauss, (g) => g.p);
    this.gaussAux = Int32Array.from(gauss, (g) => g.a);
    this.gaussInvVar = Float64Array.from(gauss, (g) => 1 / (g.sigma * g.sigma));
    this.gaussLogNorm = Float64Array.from(gauss, (g) => -Math.log(g.sigma) - LOG_SQRT_2PI);
    this.poisParam = Int32Array.from(pois, (g) => g.p);
    this.poisAux = Int32Array.from(pois, (g) => g.a);
    this.poisTau = Float64Array.from(pois, (g) => g.tau);

    const maxBins = Math.max(0, ...blocks.map((b) => b.nbins));
    this.nu = new Float64Array(this.nMain);
    this.base = new Float64Array(nominal.length);
    this.binFactor = new Float64Array(nominal.length);
    this.blockProduct = new Float64Array(nBlocks);
    this.scalarValue = new Float64Array(scalar.length);
    this.scalarDeriv = new Float64Array(scalar.length);
    this.maxBins = maxBins;
    this.deltaValue = new Float64Array(delta.length * maxBins);
    this.deltaDeriv = new Float64Array(delta.length * maxBins);
    this.prefix = new Float64Array(maxTerms + 1);
  }

  /** Fills ν and the per-block caches (scalar factors, base yields, per-bin factors, Δ′) for θ. */
  private yields(pars: ArrayLike<number>): Float64Array {
    const { nu, base, binFactor, nominal, coef, scalarValue, scalarDeriv, deltaValue, deltaDeriv, factorCode, deltaCode } = this;
    const maxBins = this.maxBins;
    nu.fill(0);
    const nBlocks = this.blockN.length;
    for (let k = 0; k < nBlocks; k++) {
      const n = this.blockN[k], cell0 = this.blockCell[k], bin0 = this.blockBin[k];
      let product = 1;
      for (let t = this.blockScalar[k], end = this.blockScalar[k + 1]; t < end; t++) {
        const c = this.scalarCoef[t];
        if (c < 0) {
          scalarValue[t] = pars[this.scalarParam[t]];
          scalarDeriv[t] = 1;
        } else {
          factorCode.evaluate(coef, c, 1, pars[this.scalarParam[t]], scalarValue, scalarDeriv, t);
          if (this.scalarAdditive[t]) scalarValue[t] += 1;
        }
        product *= scalarValue[t];
      }
      this.blockProduct[k] = product;
      for (let b = 0; b < n; b++) base[cell0 + b] = nominal[cell0 + b];
      for (let t = this.blockDelta[k], end = this.blockDelta[k + 1]; t < end; t++) {
        deltaCode.evaluate(coef, this.deltaCoef[t], n, pars[this.deltaParam[t]], deltaValue, deltaDeriv, t * maxBins);
        for (let b = 0; b < n; b++) base[cell0 + b] += deltaValue[t * maxBins + b];
      }
      const binsStart = this.blockBins[k], binsEnd = this.blockBins[k + 1];
      for (let b = 0; b < n; b++) {
        let f = 1;
        for (let t = binsStart; t < binsEnd; t++) f *= pars[this.binsParam[t] + b];
        binFactor[cell0 + b] = f;
        nu[bin0 + b] += base[cell0 + b] * product * f;
      }
    }
    return nu;
  }

  /** Expected main-bin yields ν_b (a new array). */
  expectedMain(pars: ArrayLike<number>): Float64Array {
    return Float64Array.from(this.yields(pars));
  }

  /** Expected auxiliary data: θ for Gaussian constraints, γτ for Poisson ones (pyhf `expected_auxdata`). */
  expectedAux(pars: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.nAux);
    for (let i = 0; i < this.gaussParam.length; i++) out[this.gaussAux[i]] = pars[this.gaussParam[i]];
    for (let i = 0; i < this.poisParam.length; i++) out[this.poisAux[i]] = pars[this.poisParam[i]] * this.poisTau[i];
    return out;
  }

  /** ln L(θ) with every constant; when `grad` is given it receives ∂ ln L/∂θ (overwritten). */
  logPdf(pars: ArrayLike<number>, main: ArrayLike<number>, aux: ArrayLike<number>, grad: Float64Array | null): number {
    const nu = this.yields(pars);
    let lp = 0;
    for (let i = 0; i < this.nMain; i++) lp += poissonLogPdf(main[i], nu[i]);
    for (let i = 0; i < this.gaussParam.length; i++) {
      const r = aux[this.gaussAux[i]] - pars[this.gaussParam[i]];
      lp += -0.5 * r * r * this.gaussInvVar[i] + this.gaussLogNorm[i];
    }
    for (let i = 0; i < this.poisParam.length; i++) {
      lp += poissonLogPdf(aux[this.poisAux[i]], pars[this.poisParam[i]] * this.poisTau[i]);
    }
    if (grad) this.gradient(pars, main, aux, grad);
    return lp;
  }

  /** ∂ ln L/∂θ at the θ of the last `yields` call. */
  private gradient(pars: ArrayLike<number>, main: ArrayLike<number>, aux: ArrayLike<number>, grad: Float64Array): void {
    const { nu, base, binFactor, scalarValue, scalarDeriv, deltaDeriv, prefix } = this;
    const maxBins = this.maxBins;
    grad.fill(0);
    const nBlocks = this.blockN.length;
    for (let k = 0; k < nBlocks; k++) {
      const n = this.blockN[k], cell0 = this.blockCell[k], bin0 = this.blockBin[k];
      const product = this.blockProduct[k];
      // S = Σ_b w_b·base_b·B_b carries every scalar factor's gradient.
      let s = 0;
      for (let b = 0; b < n; b++) {
        const cell = cell0 + b;
        const w = poissonLogPdfDNu(main[bin0 + b], nu[bin0 + b]);
        s += w * base[cell] * binFactor[cell];
        // Δ enters multiplied by all factors.
        const wf = w * product * binFactor[cell];
        for (let t = this.blockDelta[k], end = this.blockDelta[k + 1]; t < end; t++) grad[this.deltaParam[t]] += wf * deltaDeriv[t * maxBins + b];
        // Per-bin factors: the product of the other per-bin factors of this bin.
        const binsStart = this.blockBins[k], m = this.blockBins[k + 1] - binsStart;
        if (m === 1) {
          grad[this.binsParam[binsStart] + b] += w * base[cell] * product;
        } else if (m > 1) {
          prefix[0] = 1;
          for (let i = 0; i < m; i++) prefix[i + 1] = prefix[i] * pars[this.binsParam[binsStart + i] + b];
          let suffix = w * base[cell] * product;
          for (let i = m - 1; i >= 0; i--) {
            const p = this.binsParam[binsStart + i] + b;
            grad[p] += prefix[i] * suffix;
            suffix *= pars[p];
          }
        }
      }
      const start = this.blockScalar[k], m = this.blockScalar[k + 1] - start;
      if (m === 0 || s === 0) continue;
      prefix[0] = 1;
      for (let i = 0; i < m; i++) prefix[i + 1] = prefix[i] * scalarValue[start + i];
      let suffix = s;
      for (let i = m - 1; i >= 0; i--) {
        const t = start + i;
        grad[this.scalarParam[t]] += prefix[i] * suffix * scalarDeriv[t];
        suffix *= scalarValue[t];
      }
    }
    for (let i = 0; i < this.gaussParam.length; i++) {
      grad[this.gaussParam[i]] += (aux[this.gaussAux[i]] - pars[this.gaussParam[i]]) * this.gaussInvVar[i];
    }
    for (let i = 0; i < this.poisParam.length; i++) {
      const n = aux[this.poisAux[i]];
      grad[this.poisParam[i]] += (n === 0 ? 0 : n / pars[this.poisParam[i]]) - this.poisTau[i];
    }
  }
}
