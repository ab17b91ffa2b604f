import type { KernelShape } from './kernel.ts';

const SQRT5 = Math.sqrt(5);

/**
 * Matérn ν = 5/2: k(r) = (1 + √5 r + 5r²/3) exp(−√5 r); −2 dk/d(r²) = (5/3)(1 + √5 r) exp(−√5 r).
 * R&W (2006) eq. 4.17.
 */
export const matern52: KernelShape = {
  name: 'matern52',
  value: (r2) => {
    const s = SQRT5 * Math.sqrt(r2);
    return (1 + s + (5 / 3) * r2) * Math.exp(-s);
  },
  lengthScaleFactor: (r2) => {
    const s = SQRT5 * Math.sqrt(r2);
    return (5 / 3) * (1 + s) * Math.exp(-s);
  },
};
