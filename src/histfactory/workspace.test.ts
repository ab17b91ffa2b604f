import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QuarryError } from '../errors.ts';
import type { Patchset, Workspace } from './schema/index.ts';
import { applyPatch, applyPatchset, combine, loadWorkspace, measurement, parseJsonText, prune, rename } from './workspace.ts';

const REFERENCE = new URL('../../../shared/reference/histfactory/workspaces/', import.meta.url);

function tiny(): Workspace {
  return {
    channels: [
      { name: 'SR', samples: [
        { name: 'signal', data: [5, 10], modifiers: [{ name: 'mu', type: 'normfactor', data: null }, { name: 'lumi', type: 'lumi', data: null }] },
        { name: 'bkg', data: [50, 60], modifiers: [{ name: 'jes', type: 'normsys', data: { hi: 1.1, lo: 0.9 } }, { name: 'stat_SR', type: 'staterror', data: [2, 3] }] },
      ] },
      { name: 'CR', samples: [{ name: 'bkg', data: [100], modifiers: [{ name: 'jes', type: 'normsys', data: { hi: 1.05, lo: 0.95 } }] }] },
    ],
    observations: [{ name: 'SR', data: [55, 70] }, { name: 'CR', data: [98] }],
    measurements: [
      { name: 'meas', config: { poi: 'mu', parameters: [{ name: 'lumi', auxdata: [1], sigmas: [0.02] }, { name: 'jes', bounds: [[-3, 3]] }] } },
      { name: 'fixed_jes', config: { poi: 'mu', parameters: [{ name: 'lumi', auxdata: [1], sigmas: [0.02] }, { name: 'jes', fixed: true }] } },
    ],
    version: '1.0.0',
  };
}

/** A one-channel workspace with a given channel name and data, for combine. */
function single(channel: string, data: number[], parameters: Workspace['measurements'][number]['config']['parameters'] = []): Workspace {
  return {
    channels: [{ name: channel, samples: [{ name: 'sig', data, modifiers: [{ name: 'mu', type: 'normfactor', data: null }] }] }],
    observations: [{ name: channel, data }],
    measurements: [{ name: 'meas', config: { poi: 'mu', parameters } }],
    version: '1.0.0',
  };
}

function failure(run: () => unknown): QuarryError {
  try { run(); } catch (error) { assert.ok(error instanceof QuarryError, String(error)); return error; }
  assert.fail('expected a QuarryError');
}
async function asyncFailure(run: () => Promise<unknown>): Promise<QuarryError> {
  try { await run(); } catch (error) { assert.ok(error instanceof QuarryError, String(error)); return error; }
  assert.fail('expected a QuarryError');
}

test('loadWorkspace reads a reference workspace file', async () => {
  const ws = await loadWorkspace(new URL('1bin_lumi.json', REFERENCE).pathname);
  assert.equal(ws.measurements[0]!.config.poi, 'mu');
});

test('a JSON syntax error names the file, line and column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-ws-'));
  const path = join(dir, 'broken.json');
  writeFileSync(path, '{\n  "channels": [\n    {"name": "SR",}\n  ]\n}\n');
  const e = await asyncFailure(() => loadWorkspace(path));
  assert.match(e.message, /broken\.json:3:19: invalid JSON \(.*\) near /);
  assert.match(e.hint, /trailing comma/);
  assert.match(failure(() => parseJsonText('{"a":}', 'x.json')).message, /^x\.json:1:6: invalid JSON/);
  assert.match(failure(() => parseJsonText('{"a": [1, 2', 'x.json')).message, /^x\.json:1:12: invalid JSON .* at the end of the input/);
  const missing = await asyncFailure(() => loadWorkspace(join(dir, 'nope.json')));
  assert.equal(missing.code, 'FILE_NOT_FOUND');
});

test('measurement picks the first by default, or by name; an unknown name lists the valid ones', () => {
  const ws = tiny();
  assert.equal(measurement(ws).name, 'meas');
  assert.equal(measurement(ws, 'fixed_jes').name, 'fixed_jes');
  const e = failure(() => measurement(ws, 'nominal'));
  assert.equal(e.code, 'UNKNOWN_KEY');
  assert.match(e.hint, /use one of: "meas", "fixed_jes"/);
});

test('the sbottom signal sample removed by one patch and re-added by another gives the workspace back', async () => {
  const ws = await loadWorkspace(new URL('sbottom_RegionA_1300_205_60.json', REFERENCE).pathname);
  const before = structuredClone(ws);
  const signal = 'sbottom_1300_205_60';
  const remove = ws.channels.map((c, i) => ({ op: 'remove' as const, path: `/channels/${i}/samples/${c.samples.findIndex((s) => s.name === signal)}` }));
  // Without the signal, the POI mu_SIG is undeclared: a background-only workspace, as published (BkgOnly.json).
  const strict = failure(() => applyPatch(ws, remove));
  assert.match(strict.message, /workspace after patch: invalid workspace: measurements\[0\]\.config\.poi: the POI "mu_SIG"/);
  const bkgOnly = applyPatch(ws, remove, { backgroundOnly: true });
  assert.ok(bkgOnly.channels.every((c) => c.samples.every((s) => s.name !== signal)));
  const addBack = ws.channels.map((c, i) => {
    const index = c.samples.findIndex((s) => s.name === signal);
    return { op: 'add' as const, path: `/channels/${i}/samples/${index}`, value: c.samples[index]! };
  });
  const patchset: Patchset = {
    metadata: { description: 'sbottom', digests: { sha256: '0' }, labels: ['m_sb', 'm_N2', 'm_N1'], references: { hepdata: 'ins1748602' } },
    patches: [{ metadata: { name: signal, values: [1300, 205, 60] }, patch: addBack }],
    version: '1.0.0',
  };
  assert.deepEqual(applyPatchset(bkgOnly, patchset, { values: [1300, 205, 60] }), ws);
  assert.deepEqual(applyPatchset(bkgOnly, patchset, { name: signal }), ws);
  assert.deepEqual(ws, before, 'the input is not mutated');
  assert.match(failure(() => applyPatchset(bkgOnly, patchset, { name: 'sbottom_1400_550_60' })).hint, /use one of: "sbottom_1300_205_60"/);
  assert.match(failure(() => applyPatchset(bkgOnly, patchset, { values: [1, 2, 3] })).message, /no patch with values \[1,2,3\] \(labels: m_sb, m_N2, m_N1\)/);
});

test('a failed patch operation names its index and path; a patch that breaks the workspace is named', () => {
  const ws = tiny();
  const e = failure(() => applyPatch(ws, [{ op: 'replace', path: '/version', value: '1.0.0' }, { op: 'remove', path: '/channels/5' }], { source: 'fix.json' }));
  assert.match(e.message, /^fix\.json: operation \[1\] \(remove \/channels\/5\) failed: the path does not exist in the workspace/);
  const t = failure(() => applyPatch(ws, [{ op: 'test', path: '/channels/0/name', value: 'CR' }]));
  assert.match(t.message, /operation \[0\] \(test \/channels\/0\/name\) failed: the test failed/);
  const broken = failure(() => applyPatch(ws, [{ op: 'add', path: '/channels/0/samples/1/data/-', value: 3 }]));
  assert.match(broken.message, /^workspace after patch: invalid workspace: channels\[0\]\.samples\[1\]\.data: sample "bkg" in channel "SR" has 3 bins, expected 2/);
  const renamed = applyPatch(ws, [{ op: 'replace', path: '/channels/1/samples/0/data/0', value: 120 }]);
  assert.equal(renamed.channels[1]!.samples[0]!.data[0], 120);
  assert.equal(ws.channels[1]!.samples[0]!.data[0], 100);
});

test('prune removes channels with their observations, samples, modifiers with their configs, and measurements', () => {
  const ws = tiny();
  const noCR = prune(ws, { channels: ['CR'] });
  assert.deepEqual(noCR.channels.map((c) => c.name), ['SR']);
  assert.deepEqual(noCR.observations.map((o) => o.name), ['SR']);
  const noJes = prune(ws, { modifiers: ['jes'] });
  assert.ok(noJes.channels.every((c) => c.samples.every((s) => s.modifiers.every((m) => m.name !== 'jes'))));
  assert.deepEqual(noJes.measurements[0]!.config.parameters.map((p) => p.name), ['lumi']);
  const noNormsys = prune(ws, { modifierTypes: ['normsys'], measurements: ['fixed_jes'] });
  assert.deepEqual(noNormsys.measurements.map((m) => m.name), ['meas']);
  assert.deepEqual(noNormsys.measurements[0]!.config.parameters.map((p) => p.name), ['lumi']);
  assert.equal(prune(ws, { samples: ['bkg'], channels: ['CR'] }).channels[0]!.samples.length, 1);
  assert.deepEqual(ws, tiny(), 'the input is not mutated');
  const unknown = failure(() => prune(ws, { samples: ['ttbar'] }));
  assert.match(unknown.message, /prune: the workspace has no sample "ttbar"/);
  assert.match(unknown.hint, /use one of: "signal", "bkg"/);
  assert.match(failure(() => prune(ws, { samples: ['bkg'] })).message, /channel "CR" would have no samples left/);
  assert.match(failure(() => prune(ws, { modifiers: ['mu'] })).message, /the POI "mu" .* is not declared/);
});

test('rename renames channels with observations, samples, modifiers with configs and POI, and measurements', () => {
  const ws = tiny();
  const out = rename(ws, { channels: { SR: 'SR_meff' }, samples: { bkg: 'ttbar' }, modifiers: { mu: 'mu_SIG', jes: 'JES' }, measurements: { meas: 'NormalMeasurement' } });
  assert.deepEqual(out.channels.map((c) => c.name), ['SR_meff', 'CR']);
  assert.deepEqual(out.observations.map((o) => o.name), ['SR_meff', 'CR']);
  assert.deepEqual(out.channels[0]!.samples.map((s) => s.name), ['signal', 'ttbar']);
  assert.equal(out.measurements[0]!.name, 'NormalMeasurement');
  assert.equal(out.measurements[0]!.config.poi, 'mu_SIG');
  assert.deepEqual(out.measurements[0]!.config.parameters.map((p) => p.name), ['lumi', 'JES']);
  assert.equal(out.channels[1]!.samples[0]!.modifiers[0]!.name, 'JES');
  assert.deepEqual(ws, tiny(), 'the input is not mutated');
  assert.match(failure(() => rename(ws, { channels: { VR: 'x' } })).hint, /use one of: "SR", "CR"/);
  assert.match(failure(() => rename(ws, { channels: { CR: 'SR' } })).message, /duplicate channel name "SR"/);
});

test('combine with join none joins disjoint workspaces and rejects shared channel names', () => {
  const a = single('A', [1, 2]);
  const b = single('B', [3]);
  b.measurements[0]!.name = 'meas_b';
  const both = combine(a, b);
  assert.deepEqual(both.channels.map((c) => c.name), ['A', 'B']);
  assert.deepEqual(both.observations.map((o) => o.name), ['A', 'B']);
  assert.deepEqual(both.measurements.map((m) => m.name), ['meas', 'meas_b']);
  assert.match(failure(() => combine(a, single('B', [3]))).message, /both workspaces have measurements named "meas"/);
  const e = failure(() => combine(a, single('A', [1, 2]), { join: 'none' }));
  assert.match(e.message, /combine: both workspaces have channels named "A"/);
  assert.match(e.hint, /'outer', 'left outer', 'right outer'/);
});

test('combine with an outer join keeps identical items once and rejects different ones of one name', () => {
  const same = combine(single('A', [1, 2]), single('A', [1, 2]), { join: 'outer' });
  assert.equal(same.channels.length, 1);
  assert.equal(same.measurements.length, 1);
  const merged = combine(single('A', [1, 2], [{ name: 'mu', bounds: [[0, 5]] }]), single('B', [3]), { join: 'outer' });
  assert.deepEqual(merged.measurements[0]!.config.parameters, [{ name: 'mu', bounds: [[0, 5]] }]);
  assert.match(failure(() => combine(single('A', [1, 2]), single('A', [1, 3]), { join: 'outer' })).message, /channels "A" are in both workspaces with different contents/);
  const clash = failure(() => combine(single('A', [1, 2], [{ name: 'mu', bounds: [[0, 5]] }]), single('B', [3], [{ name: 'mu', bounds: [[0, 9]] }]), { join: 'outer' }));
  assert.match(clash.message, /measurement "meas" has conflicting parameter configs for "mu"/);
  const poi = single('B', [3]);
  poi.channels[0]!.samples[0]!.modifiers[0]!.name = 'nu';
  poi.measurements[0]!.config.poi = 'nu';
  assert.match(failure(() => combine(single('A', [1, 2]), poi, { join: 'outer' })).message, /measurement "meas" has different POIs \("mu", "nu"\)/);
});

test('combine with left/right outer joins lets that side win for shared names', () => {
  const left = combine(single('A', [1, 2]), single('A', [5, 6]), { join: 'left outer' });
  assert.deepEqual(left.channels[0]!.samples[0]!.data, [1, 2]);
  const right = combine(single('A', [1, 2]), single('A', [5, 6]), { join: 'right outer' });
  assert.deepEqual(right.channels[0]!.samples[0]!.data, [5, 6]);
  assert.deepEqual(right.observations[0]!.data, [5, 6]);
  const e = failure(() => combine(single('A', [1]), single('B', [1]), { join: 'inner' as never }));
  assert.equal(e.code, 'UNKNOWN_KEY');
});
