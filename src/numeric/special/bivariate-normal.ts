/**
 * The standard bivariate normal distribution function
 *
 *   Φ₂(h, k; ρ) = P(X ≤ h, Y ≤ k),  (X, Y) ~ N(0, [[1, ρ], [ρ, 1]]),
 *
 * accurate to ~1e-15 absolute for all h, k (infinite limits included) and −1 ≤ ρ ≤ 1.
 *
 * Algorithm: A. Genz, "Numerical computation of rectangular bivariate and trivariate normal and t
 * probabilities", Statistics and Computing 14 (2004) 251 (his Fortran BVNU, after Z. Drezner &
 * G. O. Wesolowsky, J. Statist. Comput. Simul. 35 (1990) 101):
 * - |ρ| < 0.925: Plackett's identity ∂Φ₂/∂ρ = φ₂ integrated in θ = asin r (eq. 3 of Genz 2004),
 *   Φ₂ = Φ(h)Φ(k) + (1/2π) ∫₀^{asin ρ} exp(−(h² + k² − 2hk sin θ)/(2cos²θ)) dθ, by Gauss–Legendre with
 *   6, 12 or 20 points for |ρ| < 0.3, < 0.75, < 0.925;
 * - |ρ| ≥ 0.925: the integral from the other end (ρ = ±1) in x = √(1 − r²), where the singular part is
 *   integrated exactly and the remainder by 20-point Gauss–Legendre (eq. 6–8 of Genz 2004).
 */
import { normalCdf } from './normal.ts';

const TWO_PI = 2 * Math.PI;
const SQRT_TWO_PI = Math.sqrt(TWO_PI);

/** Half of the symmetric Gauss–Legendre rules on [−1, 1] (nodes < 0, weights) with 6, 12, 20 points. */
const NODES: readonly (readonly number[])[] = [
  [-0.9324695142031519, -0.6612093864662645, -0.2386191860831969],
  [
    -0.9815606342467192, -0.9041172563704748, -0.7699026741943047, -0.5873179542866175, -0.3678314989981802,
    -0.1252334085114689,
  ],
  [
    -0.993128599185095, -0.9639719272779138, -0.912234428251326, -0.8391169718222188, -0.7463319064601508,
    -0.636053680726515, -0.5108670019508271, -0.37370608871541955, -0.22778585114164507, -0.07652652113349734,
  ],
];
const WEIGHTS: readonly (readonly number[])[] = [
  [0.17132449237917027, 0.3607615730481387, 0.46791393457269104],
  [
    0.04717533638651141, 0.10693932599531907, 0.16007832854334642, 0.20316742672306573, 0.2334925365383546,
    0.2491470458134027,
  ],
  [
    0.017614007139150893, 0.040601429800386446, 0.06267204833410879, 0.08327674157670471, 0.1019301198172407,
    0.1181945319615186, 0.1316886384491769, 0.1420961093183824, 0.14917298647260424, 0.15275338713072628,
  ],
];

/** Genz's BVNU: P(X > dh, Y > dk) for correlation r, finite dh, dk. */
function upper(dh: number, dk: number, r: number): number {
  const abs = Math.abs(r);
  const rule = abs < 0.3 ? 0 : abs < 0.75 ? 1 : 2;
  const x = NODES[rule]!;
  const w = WEIGHTS[rule]!;
  const h = dh;
  let k = dk;
  let hk = h * k;
  let bvn = 0;
  if (abs < 0.925) {
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r);
    for (let i = 0; i < x.length; i++) {
      for (const side of [-1, 1]) {
        const sn = Math.sin((asr * (side * x[i]! + 1)) / 2);
        bvn += w[i]! * Math.exp((sn * hk - hs) / (1 - sn * sn));
      }
    }
    return (bvn * asr) / (2 * TWO_PI) + normalCdf(-h) * normalCdf(-k);
  }
  if (r < 0) {
    k = -k;
    hk = -hk;
  }
  if (abs < 1) {
    const as = (1 - r) * (1 + r);
    let a = Math.sqrt(as);
    const bs = (h - k) * (h - k);
    const c = (4 - hk) / 8;
    const d = (12 - hk) / 16;
    let asr = -(bs / as + hk) / 2;
    if (asr > -100) bvn = a * Math.exp(asr) * (1 - (c * (bs - as) * (1 - (d * bs) / 5)) / 3 + (c * d * as * as) / 5);
    if (-hk < 100) {
      const b = Math.sqrt(bs);
      bvn -= Math.exp(-hk / 2) * SQRT_TWO_PI * normalCdf(-b / a) * b * (1 - (c * bs * (1 - (d * bs) / 5)) / 3);
    }
    a /= 2;
    for (let i = 0; i < x.length; i++) {
      for (const side of [-1, 1]) {
        const xs = (a * (side * x[i]! + 1)) ** 2;
        const rs = Math.sqrt(1 - xs);
        asr = -(bs / xs + hk) / 2;
        if (asr > -100) {
          bvn +=
            a * w[i]! * Math.exp(asr) * (Math.exp((-hk * xs) / (2 * (1 + rs) ** 2)) / rs - (1 + c * xs * (1 + d * xs)));
        }
      }
    }
    bvn = -bvn / TWO_PI;
  }
  if (r > 0) return bvn + normalCdf(-Math.max(h, k));
  bvn = -bvn;
  if (k > h) bvn += h < 0 ? normalCdf(k) - normalCdf(h) : normalCdf(-h) - normalCdf(-k);
  return bvn;
}

/**
 * Φ₂(h, k; ρ) = P(X ≤ h, Y ≤ k) for the standard bivariate normal with correlation ρ ∈ [−1, 1].
 * h, k may be ±∞. NaN in, or ρ outside [−1, 1], gives NaN.
 */
export function bivariateNormalCdf(h: number, k: number, rho: number): number {
  if (Number.isNaN(h) || Number.isNaN(k) || !(rho >= -1 && rho <= 1)) return NaN;
  if (h === -Infinity || k === -Infinity) return 0;
  if (h === Infinity) return normalCdf(k);
  if (k === Infinity) return normalCdf(h);
  const p = upper(-h, -k, rho);
  // Rounding can leave the sum a few ulp outside [0, min(Φ(h), Φ(k))].
  return Math.min(Math.max(p, 0), normalCdf(Math.min(h, k)));
}
