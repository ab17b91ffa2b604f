import assert from 'node:assert/strict';
import { it } from 'node:test';
import * as quarry from './index.ts';

it('exports exactly the public API listed here (a change to it is deliberate)', () => {
  assert.deepEqual(Object.keys(quarry).sort(), [
    'ACQUISITIONS', 'DEFAULT_ACQUISITION', 'GaussianProcess', 'KERNELS', 'QuarryError', 'SOBOL_MAX_DIMENSION', 'STATIONARY_KINDS',
    'accuracy', 'acquisition', 'ask', 'balancedAccuracy', 'bivariateNormalCdf', 'bracketRoot',
    'brentMinimize', 'brentRoot', 'executors', 'runs', 'scan', 'candidatePoints', 'chi2Cdf', 'chi2Isf', 'chi2LogSf', 'chi2Ppf', 'chi2Sf',
    'cholesky', 'classify', 'clone', 'combineWeighted', 'contourPolygons', 'contourToGeoJSON', 'createDomain',
    'createLoopState', 'createRng', 'createStreams', 'entropy', 'erf', 'erfc', 'erfcinv', 'erfcx', 'erfinv',
    'expectedFeasibility', 'fitGaussianProcess', 'fitModels', 'fromRows', 'gammaLogQ', 'gammaP', 'gammaPInv',
    'gammaQ', 'gammaQInv', 'histfactory', 'identity', 'inference', 'isoLines', 'kernelShape', 'latinHypercube', 'lbfgsb', 'levelCurves',
    'lgamma', 'linalg', 'logMarginalLikelihood', 'marchingSquares', 'matrix', 'misclassificationEstimate',
    'misclassificationProbability', 'mutualInformation', 'normalCdf', 'normalIsf', 'normalLogCdf',
    'normalLogPdf', 'normalLogSf', 'normalPdf', 'normalPpf', 'normalSf', 'polygons', 'propose', 'ringArea',
    'rngFromState', 'scaleToBox', 'selectBatch', 'shuffle', 'slice2d', 'sobolDirections', 'sobolPoints',
    'stoppingDecision', 'straddle', 'sur', 'symmetricDifferenceVolume', 'tell', 'toProblem', 'toRows',
    'toUnitBox', 'toms748', 'transpose', 'useLinalgBackend',
  ].sort());
});

it('exports HistFactory and inference as namespaces with exactly these names', () => {
  assert.deepEqual(Object.keys(quarry.histfactory).sort(), [
    'HISTOSYS_CODES', 'INTERPOLATION_CODES', 'JOINS', 'MODIFIERS', 'MODIFIER_TYPES', 'NORMSYS_CODES', 'applyPatch', 'applyPatchset',
    'buildModel', 'channelSchema', 'checkWorkspace', 'combine', 'countingWorkspace', 'histosysSchema', 'interpolationCode',
    'jsonPatchOperationSchema', 'jsonPatchSchema', 'loadJsonPatch', 'loadPatchset', 'loadWorkspace', 'lumiSchema', 'measurement',
    'measurementSchema', 'modifierKind', 'modifierSchema', 'normfactorSchema', 'normsysSchema', 'observationSchema',
    'parameterConfigSchema', 'parameterSets', 'parseJsonPatch', 'parseJsonText', 'parsePatchset', 'parseWorkspace', 'patchSchema',
    'patchsetSchema', 'prune', 'readJson', 'rename', 'sampleSchema', 'selectPatch', 'shapefactorSchema', 'shapesysSchema',
    'staterrorSchema', 'validateWorkspace', 'workspaceProblems', 'workspaceSchema',
  ].sort());
  assert.deepEqual(Object.keys(quarry.inference).sort(), [
    'AsymptoticCalculator', 'CALCULATORS', 'ProfileLikelihood', 'TEST_STATISTICS', 'TEST_STATISTIC_NAMES', 'ToyCalculator',
    'asymptoticPValues', 'discovery', 'expectedPValues', 'fit', 'fitFixedPoi', 'hypotest', 'shiftedStatistic', 'testStatistic',
    'testStatisticDefinition', 'upperLimit',
  ].sort());
});

it('exports scans, executors and run logs as namespaces with exactly these names', () => {
  assert.deepEqual(Object.keys(quarry.scan).sort(), [
    'CANCEL_FILE', 'Driver', 'EXECUTOR_NAMES', 'configHash', 'contourGeoJSON', 'createExecutor', 'exportCsv', 'exportJson', 'exportedPoints',
    'formatCounts', 'loadRun', 'loadScanConfig', 'openScan', 'parseScanConfig', 'predictPoints', 'runScan', 'runSurrogates', 'scanCounts', 'toLoopConfig',
  ].sort());
  assert.deepEqual(Object.keys(quarry.executors).sort(), ['createLocalExecutor', 'createQueueExecutor', 'createSlurmExecutor', 'startQueueWorker']);
  assert.deepEqual(Object.keys(quarry.runs).sort(), [
    'LOCK_FILE', 'LOG_FILE', 'RunStore', 'acquireRunLock', 'applyEvent', 'emptyRunState', 'hasRunLog', 'lockOwner', 'ownerAlive', 'processStart',
    'readEvents', 'replay', 'trialEnded',
  ].sort());
});
