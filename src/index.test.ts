import assert from 'node:assert/strict';
import { it } from 'node:test';
import * as quarry from './index.ts';

it('exports exactly the public API listed here (a change to it is deliberate)', () => {
  assert.deepEqual(Object.keys(quarry).sort(), [
    'GaussianProcess', 'KERNELS', 'QuarryError', 'SOBOL_MAX_DIMENSION',
    'bracketRoot', 'brentMinimize', 'brentRoot',
    'bivariateNormalCdf', 'chi2Cdf', 'chi2Isf', 'chi2LogSf', 'chi2Ppf', 'chi2Sf', 'cholesky', 'clone', 'contourPolygons', 'contourToGeoJSON',
    'createRng', 'createStreams', 'erf', 'erfc', 'erfcinv', 'erfcx', 'erfinv', 'fitGaussianProcess', 'fromRows',
    'gammaLogQ', 'gammaP', 'gammaPInv', 'gammaQ', 'gammaQInv', 'identity', 'isoLines', 'kernelShape',
    'latinHypercube', 'lbfgsb', 'levelCurves', 'lgamma', 'linalg', 'logMarginalLikelihood', 'marchingSquares', 'matrix',
    'normalCdf', 'normalIsf', 'normalLogCdf', 'normalLogPdf', 'normalLogSf', 'normalPdf', 'normalPpf', 'normalSf',
    'polygons', 'ringArea', 'rngFromState', 'scaleToBox', 'shuffle', 'slice2d', 'sobolDirections', 'sobolPoints',
    'toRows', 'toms748', 'transpose', 'useLinalgBackend',
  ].sort());
});
