/**
 * The compiled likelihood: a Layout flattened into typed arrays, evaluated without allocation.
 *
 * Yields: ν_sb = (ν⁰_sb + Σ_h Δ_hsb(α_h)) · Π_k f_ksb(θ), summed over samples into ν_b.
 * ln L = Σ_b [n_b ln ν_b − ν_b − ln Γ(n_b + 1)] + Σ Gaussian ln N(a | θ, σ) + Σ Poisson ln Pois(a | γτ)
 * (continuous Poisson; pyhf `pyhf.pdf.Model.logpdf`). The gradient is exact: ∂ ln L/∂ν_b = n_b/ν_b − 1
 * pushed through each term with the product of the *other* factors (prefix/suffix products, so a
 * factor at 0, e.g. μ = 0, needs no division).
 */
import { lgamma } from '../numeric/special/index.ts';
import type { InterpolationCode } from './interpolation/index.ts';
import type { Layout } from './model-layout.ts';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const OP_SCALE = 0, OP_SCALE_BINS = 1, OP_FACTOR = 2;

export class Kernel {
  readonly nMain: number;
  readonly nPars: number;
  readonly nAux: number;
  private readonly blockBin: Int32Array;
  private readonly blockN: Int32Array;
  private readonly blockCell: Int32Array;
  private readonly blockMul: Int32Array;
  private readonly blockAdd: Int32Array;
  private readonly nominal: Float64Array;
  private readonly mulOp: Uint8Array;
  private readonly mulParam: Int32Array;
  private readonly mulCoef: Int32Array;
  private readonly mulAdditive: Uint8Array;
  private readonly addParam: Int32Array;
  private readonly addCoef: Int32Array;
  private readonly addCell: Int32Array;
  private readonly coef: Float64Array;
  private readonly factorCode: InterpolationCode | null;
  private readonly deltaCode: InterpolationCode | null;
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
  private readonly fac: Float64Array;
  private readonly factorValue: Float64Array;
  private readonly factorDeriv: Float64Array;
  private readonly deltaDeriv: Float64Array;
  private readonly prefix: Float64Array;
  private readonly values: Float64Array;

  constructor(layout: Layout) {
    const { blocks, sets } = layout;
    this.nMain = layout.nMain;
    this.nPars = layout.parameters.length;
    this.nAux = layout.nAux;
    const nBlocks = blocks.length;
    this.blockBin = new Int32Array(nBlocks);
    this.blockN = new Int32Array(nBlocks);
    this.blockCell = new Int32Array(nBlocks + 1);
    this.blockMul = new Int32Array(nBlocks + 1);
    this.blockAdd = new Int32Array(nBlocks + 1);
    const mul: { op: number; param: number; coef: number; additive: number }[] = [];
    const add: { param: number; coef: number; cell: number }[] = [];
    const coef: number[] = [];
    const nominal: number[] = [];
    let factorCode: InterpolationCode | null = null;
    let deltaCode: InterpolationCode | null = null;
    let deltaCells = 0;
    let maxMul = 0;
    blocks.forEach((block, k) => {
      this.blockBin[k] = block.binOffset;
      this.blockN[k] = block.nbins;
      this.blockCell[k] = nominal.length;
      nominal.push(...block.nominal);
      this.blockMul[k] = mul.length;
      this.blockAdd[k] = add.length;
      for (const term of block.terms) {
        if (term.op === 'delta') {
          deltaCode = term.code;
          add.push({ param: term.param, coef: coef.length, cell: deltaCells });
          coef.push(...term.coefficients);
          deltaCells += block.nbins;
        } else if (term.op === 'factor') {
          factorCode = term.code;
          mul.push({ op: OP_FACTOR, param: term.param, coef: coef.length, additive: term.code.kind === 'additive' ? 1 : 0 });
          coef.push(...term.coefficients);
        } else {
          mul.push({ op: term.op === 'scale' ? OP_SCALE : OP_SCALE_BINS, param: term.param, coef: -1, additive: 0 });
        }
      }
      maxMul = Math.max(maxMul, mul.length - this.blockMul[k]);
    });
    this.blockCell[nBlocks] = nominal.length;
    this.blockMul[nBlocks] = mul.length;
    this.blockAdd[nBlocks] = add.length;
    this.nominal = Float64Array.from(nominal);
    this.mulOp = Uint8Array.from(mul, (m) => m.op);
    this.mulParam = Int32Array.from(mul, (m) => m.param);
    this.mulCoef = Int32Array.from(mul, (m) => m.coef);
    this.mulAdditive = Uint8Array.from(mul, (m) => m.additive);
    this.addParam = Int32Array.from(add, (a) => a.param);
    this.addCoef = Int32Array.from(add, (a) => a.coef);
    this.addCell = Int32Array.from(add, (a) => a.cell);
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

    this.nu = new Float64Array(this.nMain);
    this.base = new Float64Array(nominal.length);
    this.fac = new Float64Array(nominal.length);
    this.factorValue = new Float64Array(mul.length);
    this.factorDeriv = new Float64Array(mul.length);
    this.deltaDeriv = new Float64Array(deltaCells);
    this.prefix = new Float64Array(maxMul + 1);
    this.values = new Float64Array(maxMul);
  }

  /** Fills ν (and the per-cell base yields, factor products and term derivatives) for parameters θ. */
  private yields(pars: ArrayLike<number>): Float64Array {
    const { nu, base, fac, nominal, coef, factorValue, factorDeriv, deltaDeriv } = this;
    nu.fill(0);
    const nBlocks = this.blockN.length;
    for (let k = 0; k < nBlocks; k++) {
      const mulStart = this.blockMul[k], mulEnd = this.blockMul[k + 1];
      const addStart = this.blockAdd[k], addEnd = this.blockAdd[k + 1];
      const n = this.blockN[k], cell0 = this.blockCell[k], bin0 = this.blockBin[k];
      for (let t = mulStart; t < mulEnd; t++) {
        if (this.mulOp[t] === OP_FACTOR) {
          const v = this.factorCode!.evaluate(coef, this.mulCoef[t], pars[this.mulParam[t]], factorDeriv, t);
          factorValue[t] = this.mulAdditive[t] ? 1 + v : v;
        }
      }
      for (let b = 0; b < n; b++) {
        const cell = cell0 + b;
        let y = nominal[cell];
        for (let t = addStart; t < addEnd; t++) {
          const stride = this.deltaCode!.nCoefficients;
          y += this.deltaCode!.evaluate(coef, this.addCoef[t] + b * stride, pars[this.addParam[t]], deltaDeriv, this.addCell[t] + b);
        }
        let f = 1;
        for (let t = mulStart; t < mulEnd; t++) {
          const op = this.mulOp[t];
          f *= op === OP_SCALE ? pars[this.mulParam[t]] : op === OP_SCALE_BINS ? pars[this.mulParam[t] + b] : factorValue[t];
        }
        base[cell] = y;
        fac[cell] = f;
        nu[bin0 + b] += y * f;
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
    for (let i = 0; i < this.nMain; i++) {
      const n = main[i];
      const v = nu[i];
      lp += (n === 0 ? 0 : n * Math.log(v)) - v - lgamma(n + 1);
    }
    for (let i = 0; i < this.gaussParam.length; i++) {
      const r = aux[this.gaussAux[i]] - pars[this.gaussParam[i]];
      lp += -0.5 * r * r * this.gaussInvVar[i] + this.gaussLogNorm[i];
    }
    for (let i = 0; i < this.poisParam.length; i++) {
      const n = aux[this.poisAux[i]];
      const rate = pars[this.poisParam[i]] * this.poisTau[i];
      lp += (n === 0 ? 0 : n * Math.log(rate)) - rate - lgamma(n + 1);
    }
    if (grad) this.gradient(pars, main, aux, grad);
    return lp;
  }

  /** ∂ ln L/∂θ at the θ of the last `yields` call. */
  private gradient(pars: ArrayLike<number>, main: ArrayLike<number>, aux: ArrayLike<number>, grad: Float64Array): void {
    const { nu, base, fac, factorValue, factorDeriv, deltaDeriv, prefix, values } = this;
    grad.fill(0);
    const nBlocks = this.blockN.length;
    for (let k = 0; k < nBlocks; k++) {
      const mulStart = this.blockMul[k], mulEnd = this.blockMul[k + 1], m = mulEnd - mulStart;
      const addStart = this.blockAdd[k], addEnd = this.blockAdd[k + 1];
      const n = this.blockN[k], cell0 = this.blockCell[k], bin0 = this.blockBin[k];
      for (let b = 0; b < n; b++) {
        const g = bin0 + b;
        const count = main[g];
        const w = (count === 0 ? 0 : count / nu[g]) - 1;
        if (w === 0) continue;
        const cell = cell0 + b;
        const wf = w * fac[cell];
        for (let t = addStart; t < addEnd; t++) grad[this.addParam[t]] += wf * deltaDeriv[this.addCell[t] + b];
        prefix[0] = 1;
        for (let i = 0; i < m; i++) {
          const t = mulStart + i;
          const op = this.mulOp[t];
          const v = op === OP_SCALE ? pars[this.mulParam[t]] : op === OP_SCALE_BINS ? pars[this.mulParam[t] + b] : factorValue[t];
          values[i] = v;
          prefix[i + 1] = prefix[i] * v;
        }
        const wb = w * base[cell];
        let suffix = 1;
        for (let i = m - 1; i >= 0; i--) {
          const t = mulStart + i;
          const op = this.mulOp[t];
          const others = wb * prefix[i] * suffix;
          if (op === OP_SCALE) grad[this.mulParam[t]] += others;
          else if (op === OP_SCALE_BINS) grad[this.mulParam[t] + b] += others;
          else grad[this.mulParam[t]] += others * factorDeriv[t];
          suffix *= values[i];
        }
      }
    }
    for (let i = 0; i < this.gaussParam.length; i++) {
      grad[this.gaussParam[i]] += (aux[this.gaussAux[i]] - pars[this.gaussParam[i]]) * this.gaussInvVar[i];
    }
    for (let i = 0; i < this.poisParam.length; i++) {
      const n = aux[this.poisAux[i]];
      const gamma = pars[this.poisParam[i]];
      grad[this.poisParam[i]] += (n === 0 ? 0 : n / gamma) - this.poisTau[i];
    }
  }
}
