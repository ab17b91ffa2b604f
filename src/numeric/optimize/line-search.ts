/**
 * Moré–Thuente line search for L-BFGS-B: finds a step satisfying the strong Wolfe conditions
 * φ(α) ≤ φ(0) + ftol·α·φ'(0) and |φ'(α)| ≤ gtol·|φ'(0)| on [0, stpmax].
 *
 * The driver is `dcsrch` of MINPACK-2 (Moré, Thuente 1994, §2–3: stage 1 works on the modified
 * function ψ(α) = φ(α) − ftol·α·φ'(0), bisection forced when the interval does not shrink by 2/3),
 * with L-BFGS-B's constants ftol = 1e-3, gtol = 0.9, xtol = 0.1 (Byrd, Lu, Nocedal, Zhu 1995, §6).
 * Added for robustness: a trial where φ is NaN or ±Infinity is never accepted; the step is pulled
 * back halfway towards the best step so far and no later trial may reach the failed one.
 */
import { step, type StepState } from './more-thuente-step.ts';

export interface LineSearchOptions {
  ftol?: number;
  gtol?: number;
  xtol?: number;
  /** Largest allowed step. */
  stpmax: number;
  /** Most evaluations of φ (default 20, as in L-BFGS-B). */
  maxEvaluations?: number;
  /** Most trials with a non-finite φ before giving up (default: no limit beyond maxEvaluations). */
  maxBackoffs?: number;
}

export interface LineSearchResult {
  /** The accepted step (0 when nothing better than α = 0 was found). */
  stp: number;
  f: number;
  /** φ'(stp). */
  dg: number;
  /** True when `stp` was the last step evaluated (so the caller's last evaluation is the accepted point). */
  lastEvaluated: boolean;
  evaluations: number;
  /** Trials where φ was not finite. */
  backoffs: number;
  status: 'converged' | 'warning' | 'failed';
}

/** Searches along φ(α) = f(x + α d) from φ(0) = f0, φ'(0) = dg0 < 0, starting at stp0. */
export function lineSearch(
  phi: (stp: number) => { f: number; dg: number },
  f0: number,
  dg0: number,
  stp0: number,
  options: LineSearchOptions,
): LineSearchResult {
  const ftol = options.ftol ?? 1e-3;
  const gtol = options.gtol ?? 0.9;
  const xtol = options.xtol ?? 0.1;
  const maxEvaluations = options.maxEvaluations ?? 20;
  const maxBackoffs = options.maxBackoffs ?? Infinity;
  let stpmax = options.stpmax;
  const stpmin = 0;
  let stp = Math.min(stp0, stpmax);
  const gtest = ftol * dg0;
  const s: StepState = { stx: 0, fx: f0, dx: dg0, sty: 0, fy: f0, dy: dg0, brackt: false };
  let stage = 1;
  let width = stpmax - stpmin;
  let width1 = 2 * width;
  let stmin = 0;
  let stmax = stp + 4 * stp;
  let best = { stp: 0, f: f0, dg: dg0 };
  let evaluations = 0;
  let backoffs = 0;
  let last = NaN;
  const result = (status: LineSearchResult['status'], stpR: number, f: number, dg: number): LineSearchResult =>
    ({ stp: stpR, f, dg, lastEvaluated: stpR === last, evaluations, backoffs, status });

  while (evaluations < maxEvaluations) {
    const { f, dg } = phi(stp);
    evaluations++;
    last = stp;
    if (!Number.isFinite(f) || !Number.isFinite(dg)) {
      // Back off, and never go as far as this step again.
      stpmax = Math.min(stpmax, stp);
      stmax = Math.min(stmax, stp);
      stp = s.stx + 0.5 * (stp - s.stx);
      backoffs++;
      if (!(stp > 0) || stp === s.stx || backoffs >= maxBackoffs) break;
      continue;
    }
    if (f < best.f) best = { stp, f, dg };
    const ftest = f0 + stp * gtest;
    if (stage === 1 && f <= ftest && dg >= 0) stage = 2;
    if (f <= ftest && Math.abs(dg) <= gtol * -dg0) return result('converged', stp, f, dg);
    if (
      (s.brackt && (stp <= stmin || stp >= stmax)) ||
      (s.brackt && stmax - stmin <= xtol * stmax) ||
      (stp === stpmax && f <= ftest && dg <= gtest) ||
      (stp === stpmin && (f > ftest || dg >= gtest))
    ) {
      // Warnings of dcsrch: accept the step if it decreased f at all, else the best one seen.
      if (f <= ftest || f <= best.f) return result('warning', stp, f, dg);
      break;
    }
    if (stage === 1 && f <= s.fx && f > ftest) {
      // Stage 1 works on the modified function ψ, so shift values and derivatives by the ftol line.
      const m: StepState = {
        stx: s.stx, fx: s.fx - s.stx * gtest, dx: s.dx - gtest,
        sty: s.sty, fy: s.fy - s.sty * gtest, dy: s.dy - gtest, brackt: s.brackt,
      };
      stp = step(m, stp, f - stp * gtest, dg - gtest, stmin, stmax);
      s.stx = m.stx; s.sty = m.sty; s.brackt = m.brackt;
      s.fx = m.fx + m.stx * gtest; s.fy = m.fy + m.sty * gtest;
      s.dx = m.dx + gtest; s.dy = m.dy + gtest;
    } else {
      stp = step(s, stp, f, dg, stmin, stmax);
    }
    if (s.brackt) {
      // Force bisection when the interval did not shrink enough over two steps.
      if (Math.abs(s.sty - s.stx) >= 0.66 * width1) stp = s.stx + 0.5 * (s.sty - s.stx);
      width1 = width;
      width = Math.abs(s.sty - s.stx);
      stmin = Math.min(s.stx, s.sty);
      stmax = Math.min(Math.max(s.stx, s.sty), stpmax);
    } else {
      stmin = stp + 1.1 * (stp - s.stx);
      stmax = stp + 4 * (stp - s.stx);
    }
    stp = Math.min(Math.max(stp, stpmin), stpmax);
    if ((s.brackt && (stp <= stmin || stp >= stmax)) || (s.brackt && stmax - stmin <= xtol * stmax)) stp = s.stx;
    if (stp >= stpmax && stpmax < options.stpmax) stp = s.stx + 0.5 * (stpmax - s.stx); // stay off a failed step
    if (!(stp > 0)) break;
  }
  if (best.stp > 0) return result('warning', best.stp, best.f, best.dg);
  return result('failed', 0, f0, dg0);
}
