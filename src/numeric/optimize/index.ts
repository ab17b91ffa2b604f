/**
 * Public API of numeric/optimize: bounded L-BFGS-B (Byrd, Lu, Nocedal, Zhu 1995), Brent's
 * minimiser and root finder (Brent 1973), TOMS 748 (Alefeld, Potra, Shi 1995) and root bracketing.
 */
export { lbfgsb, type LbfgsbOptions, type LbfgsbResult } from './lbfgsb.ts';
export { brentMinimize, brentRoot, type BrentMinimizeOptions, type BrentMinimizeResult, type BrentRootOptions, type BrentRootResult } from './brent.ts';
export { toms748, type Toms748Options, type Toms748Result } from './toms748.ts';
export { bracketRoot, type BracketOptions, type Bracket } from './bracket.ts';
