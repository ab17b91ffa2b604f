import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as histfactory from './index.ts';

test('the public names of src/histfactory are pinned (a change to them is deliberate)', () => {
  assert.deepEqual(Object.keys(histfactory).sort(), [
    'HISTOSYS_CODES', 'INTERPOLATION_CODES', 'JOINS', 'MODIFIERS', 'MODIFIER_TYPES', 'NORMSYS_CODES',
    'applyPatch', 'applyPatchset', 'buildModel', 'channelSchema', 'checkWorkspace', 'combine', 'countingWorkspace',
    'histosysSchema', 'interpolationCode', 'jsonPatchOperationSchema', 'jsonPatchSchema', 'loadJsonPatch',
    'loadPatchset', 'loadWorkspace', 'lumiSchema', 'measurement', 'measurementSchema', 'modifierKind',
    'modifierSchema', 'normfactorSchema', 'normsysSchema', 'observationSchema', 'parameterConfigSchema',
    'parameterSets', 'parseJsonPatch', 'parseJsonText', 'parsePatchset', 'parseWorkspace', 'patchSchema',
    'patchsetSchema', 'prune', 'readJson', 'rename', 'sampleSchema', 'selectPatch', 'shapefactorSchema',
    'shapesysSchema', 'staterrorSchema', 'validateWorkspace', 'workspaceProblems', 'workspaceSchema',
  ].sort());
});

test('MODIFIER_TYPES is the modifier table\'s keys, in pyhf\'s parameter-layout order', () => {
  assert.deepEqual([...histfactory.MODIFIER_TYPES], Object.keys(histfactory.MODIFIERS));
  assert.deepEqual([...histfactory.MODIFIER_TYPES], ['histosys', 'lumi', 'normfactor', 'normsys', 'shapefactor', 'shapesys', 'staterror']);
});
