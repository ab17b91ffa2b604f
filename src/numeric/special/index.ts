/** Special functions: the error function family, the normal and χ² distributions, (incomplete) gamma. */
export { erf, erfc, erfcx, erfinv, erfcinv } from './erf.ts';
export {
  normalPdf,
  normalLogPdf,
  normalCdf,
  normalSf,
  normalLogCdf,
  normalLogSf,
  normalPpf,
  normalIsf,
} from './normal.ts';
export { bivariateNormalCdf } from './bivariate-normal.ts';
export { lgamma, gammaP, gammaQ, gammaLogQ, gammaPInv, gammaQInv } from './gamma.ts';
export { chi2Cdf, chi2Sf, chi2LogSf, chi2Ppf, chi2Isf } from './chi2.ts';
