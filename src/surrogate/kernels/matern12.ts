import type { KernelShape } from './kernel.ts';

/** Matérn ν = 1/2 (exponential): k(r) = exp(−r); −2 dk/d(r²) = exp(−r)/r. R&W (2006) eq. 4.14. */
export const matern12: KernelShape = {
  name: 'matern12',
  value: (r2) => Math.exp(-Math.sqrt(r2)),
  lengthScaleFactor: (r2) => {
    if (r2 === 0) return 0;
    const r = Math.sqrt(r2);
    return Math.exp(-r) / r;
  },
};
