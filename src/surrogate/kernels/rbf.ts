import type { KernelShape } from './kernel.ts';

/** Squared exponential: k(r) = exp(−r²/2); −2 dk/d(r²) = exp(−r²/2). Rasmussen & Williams (2006) eq. 4.9. */
export const rbf: KernelShape = {
  name: 'rbf',
  value: (r2) => Math.exp(-0.5 * r2),
  lengthScaleFactor: (r2) => Math.exp(-0.5 * r2),
};
