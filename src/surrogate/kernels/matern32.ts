import type { KernelShape } from './kernel.ts';

const SQRT3 = Math.sqrt(3);

/** Matérn ν = 3/2: k(r) = (1 + √3 r) exp(−√3 r); −2 dk/d(r²) = 3 exp(−√3 r). R&W (2006) eq. 4.17. */
export const matern32: KernelShape = {
  name: 'matern32',
  value: (r2) => {
    const s = SQRT3 * Math.sqrt(r2);
    return (1 + s) * Math.exp(-s);
  },
  lengthScaleFactor: (r2) => 3 * Math.exp(-SQRT3 * Math.sqrt(r2)),
};
