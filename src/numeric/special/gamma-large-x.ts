/**
 * Regularised incomplete gamma functions by the classical series and continued fraction, with the
 * prefix x^a e^{−x}/Γ(a) written in Temme's form so that it does not cancel when a ≈ x is large.
 *
 * D(a, x) = x^a e^{−x}/Γ(a) = √(a/2π) · exp(a·(log(1 + σ) − σ)) / Γ*(a),  σ = (x − a)/a,
 * with Γ*(a) = Γ(a)/(√(2π/a) (a/e)^a) = exp(1/(12a) − 1/(360a³) + …) (Stirling's series).
 * P(a, x) = (D/a) Σₙ xⁿ / ((a+1)…(a+n))          for x < a + 1  (DLMF 8.11.4 / NR 6.2.5),
 * Q(a, x) = D · 1/(x+1−a − 1·(1−a)/(x+3−a − …))   for x ≥ a + 1  (DLMF 8.9.2, modified Lentz).
 *
 * References: N. M. Temme, SIAM J. Math. Anal. 10 (1979) 757; DLMF §5.11, §8.9, §8.11; Numerical Recipes
 * 3rd ed. §6.2; Lentz, Appl. Opt. 15 (1976) 668 (modified by Thompson & Barnett, 1986).
 */
import stdGammaln from '@stdlib/math-base-special-gammaln';

const EPS = 1e-17;
const TINY = 1e-300;
const MAX_ITER = 200000;

/** log(1 + σ) − σ without cancellation: −σ²/(2 + σ) + 2(u³/3 + u⁵/5 + …), u = σ/(2 + σ), for |σ| < 1/2. */
export function log1pmx(s: number): number {
  if (!(Math.abs(s) < 0.5)) return Math.log1p(s) - s;
  const u = s / (2 + s);
  const u2 = u * u;
  let term = u * u2;
  let sum = 0;
  for (let k = 3; k < 80; k += 2) {
    const add = term / k;
    sum += add;
    if (Math.abs(add) <= EPS * Math.abs(sum)) break;
    term *= u2;
  }
  return (-s * s) / (2 + s) + 2 * sum;
}

/** log Γ*(a) = log Γ(a) − ((a − ½) log a − a + ½ log 2π), by Stirling's series (a ≥ 10: error < 1e−17). */
function logGammaStar(a: number): number {
  const r = 1 / a;
  const r2 = r * r;
  return r * (1 / 12 + r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 / 156))))));
}

/** D(a, x) = x^a e^{−x}/Γ(a) (the density of Gamma(a, 1) at x, times x). */
export function gammaPrefix(a: number, x: number): number {
  if (x === 0) return a < 1 ? Infinity : a === 1 ? 1 : 0;
  if (a < 10) return Math.exp(a * Math.log(x) - x - stdGammaln(a));
  const sigma = (x - a) / a;
  return Math.sqrt(a / (2 * Math.PI)) * Math.exp(a * log1pmx(sigma) - logGammaStar(a));
}

/** log D(a, x) = a log x − x − log Γ(a), in Temme's form for a ≥ 10; finite where D underflows. */
export function gammaLogPrefix(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - stdGammaln(a);
  return 0.5 * Math.log(a / (2 * Math.PI)) + a * log1pmx((x - a) / a) - logGammaStar(a);
}

/** Σₙ xⁿ/((a+1)…(a+n)), the series part of P. */
function lowerSeries(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (term <= EPS * sum) break;
  }
  return sum;
}

/** The continued fraction Γ(a, x)/(x^a e^{−x}) by the modified Lentz method. */
export function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) break;
  }
  return h;
}

/** P(a, x) (upper = false) or Q(a, x) (upper = true) for finite a > 0, x ≥ 0; used by gamma.ts for x > 1000. */
export function incompleteGammaLargeX(a: number, x: number, upper: boolean): number {
  const d = gammaPrefix(a, x);
  if (x < a + 1) {
    const p = d === 0 ? 0 : (d / a) * lowerSeries(a, x);
    return upper ? 1 - p : p;
  }
  const q = d === 0 ? 0 : d * upperFraction(a, x);
  return upper ? q : 1 - q;
}
