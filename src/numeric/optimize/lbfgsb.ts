/**
 * L-BFGS-B: bound-constrained limited-memory BFGS minimisation with analytic gradients.
 *
 * Each iteration (Byrd, Lu, Nocedal, Zhu 1995, §2): (1) the generalized Cauchy point along the
 * projected steepest-descent path of the quadratic model built from the compact L-BFGS matrix
 * B = θI − WMWᵀ (`cauchy-point.ts`); (2) minimisation of the model over the variables free there,
 * projected back into the box (`subspace-min.ts`, with the L-BFGS-B 3.0 modification of Morales and
 * Nocedal 2011); (3) a Moré–Thuente line search along d = x̄ − x (`line-search.ts`); (4) a new
 * correction pair, skipped when sᵀy ≤ ε·(−sᵀg). Without bounds, (1)–(2) reduce to the usual L-BFGS
 * step. A failed line search or an uphill direction discards the memory and retries from steepest
 * descent once. Stops as scipy does: max |projected gradient| ≤ pgtol, or a relative reduction of f
 * below factr·ε.
 *
 * References: R. H. Byrd, P. Lu, J. Nocedal, C. Zhu, "A limited memory algorithm for bound
 * constrained optimization", SIAM J. Sci. Comput. 16(5), 1190–1208, 1995; C. Zhu et al., ACM TOMS
 * 23(4), 1997; J. L. Morales, J. Nocedal, ACM TOMS 38(1), 2011.
 */
import { QuarryError } from '../../errors.ts';
import { makeBox, maxFeasibleStep, project, projectedGradientNorm, type Box } from './bounds.ts';
import { cauchyPoint } from './cauchy-point.ts';
import { dot, LbfgsMemory } from './lbfgs-memory.ts';
import { lineSearch } from './line-search.ts';
import { subspaceMinimize } from './subspace-min.ts';

export interface LbfgsbOptions {
  /** Lower bounds (−Infinity allowed; default unbounded). */
  lower?: ArrayLike<number>;
  /** Upper bounds (+Infinity allowed; default unbounded). */
  upper?: ArrayLike<number>;
  /** Number of correction pairs m (default 10). */
  memory?: number;
  /** Maximum iterations (default 15000). */
  maxIterations?: number;
  /** Maximum calls of fg (default 15000). */
  maxEvaluations?: number;
  /** Stop when max |projected gradient| ≤ pgtol (default 1e-5). */
  pgtol?: number;
  /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ factr·ε (default 1e7, as in scipy). */
  factr?: number;
}

export interface LbfgsbResult {
  x: Float64Array;
  f: number;
  /** ∇f at x. */
  gradient: Float64Array;
  iterations: number;
  /** Calls of fg. */
  evaluations: number;
  converged: boolean;
  message: string;
}

const BIG_STEP = 1e10;

/** Minimises f subject to lower ≤ x ≤ upper; fg(x, g) writes ∇f(x) into g and returns f(x). */
export function lbfgsb(fg: (x: Float64Array, gradient: Float64Array) => number, x0: ArrayLike<number>, options: LbfgsbOptions = {}): LbfgsbResult {
  const n = x0.length;
  const box = makeBox(n, options.lower, options.upper);
  const m = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 15000;
  const maxEvaluations = options.maxEvaluations ?? 15000;
  const pgtol = options.pgtol ?? 1e-5;
  const factr = options.factr ?? 1e7;
  if (!(m >= 1) || !Number.isInteger(m)) {
    throw new QuarryError('INVALID_ARGUMENT', `lbfgsb: memory must be a positive integer, got ${m}`, 'use memory between 3 and 20 (default 10)');
  }
  let x = Float64Array.from(x0);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new QuarryError('INVALID_ARGUMENT', `lbfgsb: x0[${i}] = ${x[i]} is not finite`, 'start from a finite point');
  }
  project(x, box);
  let g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f) || !g.every(Number.isFinite)) {
    throw new QuarryError('NUMERICAL', `lbfgsb: f or its gradient is not finite at the start point (f = ${f})`, 'start from a point where f and its gradient are finite');
  }
  const memory = new LbfgsMemory(n, m);
  let iterations = 0;
  const finish = (converged: boolean, message: string): LbfgsbResult => ({ x, f, gradient: g, iterations, evaluations, converged, message });

  if (projectedGradientNorm(x, g, box) <= pgtol) return finish(true, 'CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL');
  for (;;) {
    if (iterations >= maxIterations) return finish(false, 'STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT');
    if (evaluations >= maxEvaluations) return finish(false, 'STOP: TOTAL NO. OF f AND g EVALUATIONS EXCEEDS LIMIT');
    const xbar = searchEnd(x, g, box, memory);
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = xbar[i] - x[i];
    const dg0 = dot(d, g);
    if (!(dg0 < 0)) {
      if (memory.count > 0) { memory.reset(); continue; }
      return finish(false, 'ABNORMAL_TERMINATION_IN_LNSRCH: no descent direction');
    }
    const dnorm = Math.sqrt(dot(d, d));
    let stpmax = BIG_STEP;
    if (box.constrained) stpmax = iterations === 0 ? 1 : Math.min(BIG_STEP, Math.max(1, maxFeasibleStep(x, d, box)));
    const stp0 = iterations === 0 && !box.boxed ? Math.min(1 / dnorm, stpmax) : 1;
    let xt = x;
    let gt = g;
    const trial = (stp: number): { f: number; dg: number } => {
      xt = stp === 1 ? xbar.slice() : new Float64Array(n);
      if (stp !== 1) for (let i = 0; i < n; i++) xt[i] = x[i] + stp * d[i];
      project(xt, box);
      gt = new Float64Array(n);
      const ft = fg(xt, gt);
      evaluations++;
      return { f: ft, dg: dot(gt, d) };
    };
    const ls = lineSearch(trial, f, dg0, stp0, {
      stpmax,
      maxEvaluations: Math.min(memory.count > 0 ? 20 : 60, maxEvaluations - evaluations),
      // With memory, a direction that keeps hitting non-finite values is abandoned early for steepest descent.
      maxBackoffs: memory.count > 0 ? 3 : 60,
    });
    if (ls.status === 'failed') {
      if (memory.count > 0) { memory.reset(); continue; }
      return finish(false, 'ABNORMAL_TERMINATION_IN_LNSRCH');
    }
    if (!ls.lastEvaluated) trial(ls.stp);
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xt[i] - x[i];
      y[i] = gt[i] - g[i];
    }
    const fOld = f;
    const sgOld = dot(s, g);
    x = xt;
    g = gt;
    f = ls.f;
    iterations++;
    if (projectedGradientNorm(x, g, box) <= pgtol) return finish(true, 'CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL');
    const stalled = fOld - f <= factr * Number.EPSILON * Math.max(Math.abs(fOld), Math.abs(f), 1);
    if (stalled && ls.backoffs > 0 && memory.count > 0) {
      // A wall of non-finite values cut the step short: retry from steepest descent before calling it converged.
      memory.reset();
      continue;
    }
    if (stalled) {
      return finish(true, 'CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH');
    }
    // Keep the pair only if the curvature condition holds clearly (B stays positive definite).
    const sy = dot(s, y);
    if (sy > Number.EPSILON * -sgOld) memory.push(s, y);
  }
}

/** x̄, the end of the search direction: the Cauchy point refined by subspace minimisation. */
function searchEnd(x: Float64Array, g: Float64Array, box: Box, memory: LbfgsMemory): Float64Array {
  if (!box.constrained && memory.count > 0) {
    // Unconstrained: every variable is free and x^c = x, so this is the plain L-BFGS step.
    return subspaceMinimize(x, g, box, memory, x.slice(), new Float64Array(2 * memory.count), new Uint8Array(x.length).fill(1));
  }
  const cp = cauchyPoint(x, g, box, memory);
  return subspaceMinimize(x, g, box, memory, cp.xcp, cp.c, cp.free);
}
