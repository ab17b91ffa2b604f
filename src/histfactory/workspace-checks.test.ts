import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { QuarryError } from '../errors.ts';
import { parseWorkspace, type Workspace } from './schema/index.ts';
import { checkWorkspace, workspaceProblems } from './workspace-checks.ts';

const REFERENCE = new URL('../../../shared/reference/histfactory/workspaces/', import.meta.url);

/** Two channels: SR (2 bins; normsys and histosys share "jes", a staterror, lumi) and CR (1 bin, shapesys). */
function tiny(): Workspace {
  return {
    channels: [
      { name: 'SR', samples: [
        { name: 'signal', data: [5, 10], modifiers: [{ name: 'mu', type: 'normfactor', data: null }, { name: 'lumi', type: 'lumi', data: null }] },
        { name: 'bkg', data: [50, 60], modifiers: [
          { name: 'jes', type: 'normsys', data: { hi: 1.1, lo: 0.9 } },
          { name: 'jes', type: 'histosys', data: { hi_data: [52, 63], lo_data: [48, 57] } },
          { name: 'stat_SR', type: 'staterror', data: [2, 3] },
          { name: 'lumi', type: 'lumi', data: null },
        ] },
      ] },
      { name: 'CR', samples: [{ name: 'bkg', data: [100], modifiers: [{ name: 'bkg_norm', type: 'normfactor', data: null }, { name: 'unc', type: 'shapesys', data: [10] }] }] },
    ],
    observations: [{ name: 'SR', data: [55, 70] }, { name: 'CR', data: [98] }],
    measurements: [{ name: 'meas', config: { poi: 'mu', parameters: [
      { name: 'lumi', auxdata: [1], sigmas: [0.02], bounds: [[0.9, 1.1]], inits: [1] },
      { name: 'mu', bounds: [[0, 10]], inits: [1] },
    ] } }],
    version: '1.0.0',
  };
}

/** Checks an edited copy of the tiny workspace (no schema parse, so NaN gets through) and returns the error. */
function failure(edit: (ws: Workspace) => void): QuarryError {
  const ws = structuredClone(tiny());
  edit(ws);
  try {
    checkWorkspace(ws, 'ws.json');
  } catch (error) {
    assert.ok(error instanceof QuarryError);
    assert.ok(!error.message.includes('\n'), 'one line');
    assert.ok(error.message.startsWith('ws.json: invalid workspace: '), error.message);
    return error;
  }
  assert.fail('expected a QuarryError');
}

test('every reference workspace passes the semantic checks', () => {
  for (const file of readdirSync(REFERENCE).filter((f) => f.endsWith('.json'))) {
    const ws = parseWorkspace(JSON.parse(readFileSync(new URL(file, REFERENCE), 'utf8')), file);
    assert.doesNotThrow(() => checkWorkspace(ws, file), file);
    const errors = workspaceProblems(ws).filter((p) => p.severity === 'error');
    assert.deepEqual(errors, [], file);
  }
});

test('the tiny workspace is valid: a normsys and a histosys may share a name (pyhf couples them)', () => {
  assert.deepEqual(workspaceProblems(tiny()), []);
});

test('a sample with the wrong bin count names the channel, the sample, expected and found', () => {
  const e = failure((ws) => { ws.channels[0]!.samples[1]!.data = [50]; });
  assert.match(e.message, /channels\[0\]\.samples\[1\]\.data: sample "bkg" in channel "SR" has 1 bin, expected 2 \(channel "SR" has 2 bins, as its first sample "signal"\)/);
  assert.match(e.hint, /give channels\[0\]\.samples\[1\]\.data exactly 2 values, one per bin/);
});

test('histosys templates and shapesys/staterror uncertainties must have one value per bin', () => {
  const h = failure((ws) => { (ws.channels[0]!.samples[1]!.modifiers[1]!.data as { hi_data: number[] }).hi_data = [1, 2, 3]; });
  assert.match(h.message, /modifiers\[1\]\.data\.hi_data: hi_data of the histosys "jes" of sample "bkg" in channel "SR" has 3 bins, expected 2/);
  const s = failure((ws) => { ws.channels[0]!.samples[1]!.modifiers[2]!.data = [2]; });
  assert.match(s.message, /modifiers\[2\]\.data: the uncertainties of the staterror "stat_SR" of sample "bkg" in channel "SR" has 1 bin, expected 2/);
  const o = failure((ws) => { ws.observations[1]!.data = [98, 3]; });
  assert.match(o.message, /observations\[1\]\.data: observation of channel "CR" has 2 bins, expected 1/);
});

test('a channel without an observation is named, with the observation to add', () => {
  const e = failure((ws) => { ws.observations.pop(); });
  assert.match(e.message, /observations: no observation for channel "CR" \(channels\[1\]\)/);
  assert.match(e.hint, /add \{"name": "CR", "data": \[1 observed counts\]\} to observations/);
});

test('an observation of an unknown channel is a warning (pyhf ignores it), not an error', () => {
  const ws = tiny();
  ws.observations.push({ name: 'VR', data: [1] });
  assert.doesNotThrow(() => checkWorkspace(ws));
  const [problem] = workspaceProblems(ws);
  assert.equal(problem!.severity, 'warning');
  assert.equal(problem!.path, 'observations[2].name');
  assert.match(problem!.hint, /rename it to one of the channels "SR", "CR", or remove it/);
});

test('duplicate channel, sample, modifier and measurement names are errors', () => {
  assert.match(failure((ws) => { ws.channels[1]!.name = 'SR'; }).message, /channels\[1\]\.name: duplicate channel name "SR" \(also channels\[0\]\)/);
  assert.match(failure((ws) => { ws.channels[0]!.samples[1]!.name = 'signal'; }).message, /channels\[0\]\.samples\[1\]\.name: duplicate sample name "signal" in channel "SR"/);
  assert.match(failure((ws) => { ws.channels[0]!.samples[0]!.modifiers.push({ name: 'mu', type: 'normfactor', data: null }); }).message, /samples\[0\]\.modifiers\[2\]: sample "signal" in channel "SR" has the normfactor "mu" twice/);
  assert.match(failure((ws) => { ws.measurements.push(structuredClone(ws.measurements[0]!)); }).message, /measurements\[1\]\.name: duplicate measurement name "meas"/);
});

test('a POI that no modifier declares is named, with the normfactors to choose from', () => {
  const e = failure((ws) => { ws.measurements[0]!.config.poi = 'mu_SIG'; });
  assert.match(e.message, /measurements\[0\]\.config\.poi: the POI "mu_SIG" of measurement "meas" is not declared by any modifier/);
  assert.match(e.hint, /set poi to one of the normfactors "mu", "bkg_norm", or add a normfactor modifier named "mu_SIG"/);
  const ws = tiny();
  ws.measurements[0]!.config.poi = 'mu_SIG';
  assert.doesNotThrow(() => checkWorkspace(ws, 'BkgOnly.json', { backgroundOnly: true }));
  assert.match(failure((w) => { w.measurements[0]!.config.poi = 'stat_SR'; }).message, /the POI "stat_SR" .* is a staterror with 2 parameters, but a POI must be a single parameter/);
});

test('a lumi modifier needs a lumi parameter config with auxdata and sigmas', () => {
  const e = failure((ws) => { ws.measurements[0]!.config.parameters.shift(); });
  assert.match(e.message, /measurements\[0\]\.config\.parameters: measurement "meas" has no parameter config for the lumi modifier "lumi" \(used at channels\[0\]\.samples\[0\]\.modifiers\[1\]\)/);
  assert.match(e.hint, /add \{"name": "lumi", "auxdata": \[1\.0\], "sigmas": \[/);
  const s = failure((ws) => { delete ws.measurements[0]!.config.parameters[0]!.sigmas; });
  assert.match(s.message, /parameters\[0\]: the lumi config "lumi" of measurement "meas" has no sigmas/);
});

test('a parameter config that names no modifier is an error, except pyhf\'s ignored "lumi" config', () => {
  const e = failure((ws) => { ws.measurements[0]!.config.parameters.push({ name: 'jes_typo', fixed: true }); });
  assert.match(e.message, /measurements\[0\]\.config\.parameters\[2\]\.name: measurement "meas" configures "jes_typo", but no modifier has that name/);
  assert.match(e.hint, /remove this config, or rename it to one of the parameters "mu", "lumi", "jes", "stat_SR", "bkg_norm", "unc"/);
  const ws = tiny();
  for (const c of ws.channels) for (const s of c.samples) s.modifiers = s.modifiers.filter((m) => m.type !== 'lumi');
  assert.deepEqual(workspaceProblems(ws), []);
});

test('bounds, inits, auxdata and sigmas need one entry per parameter', () => {
  const b = failure((ws) => { ws.measurements[0]!.config.parameters[1]!.bounds = [[0, 10], [0, 5]]; });
  assert.match(b.message, /parameters\[1\]\.bounds: "mu" \(a scalar normfactor\) has 1 parameter but 2 bounds were given/);
  assert.match(b.hint, /give exactly 1 entry, e\.g\. "bounds": \[\[0, 10\]\]/);
  const i = failure((ws) => { ws.measurements[0]!.config.parameters.push({ name: 'stat_SR', inits: [1] }); });
  assert.match(i.message, /parameters\[2\]\.inits: "stat_SR" \(a staterror with one parameter per bin\) has 2 parameters but 1 inits was given/);
  const r = failure((ws) => { ws.measurements[0]!.config.parameters[1]!.bounds = [[10, 0]]; });
  assert.match(r.message, /parameters\[1\]\.bounds\[0\]: bounds \[10, 0\] of "mu" are not an interval/);
  const u = failure((ws) => { ws.measurements[0]!.config.parameters[1]!.sigmas = [0.1]; });
  assert.match(u.message, /parameters\[1\]\.sigmas: "mu" is a normfactor, which has no constraint term/);
});

test('negative or NaN yields, counts and uncertainties are errors', () => {
  const n = failure((ws) => { ws.channels[1]!.samples[0]!.data = [-3]; });
  assert.match(n.message, /channels\[1\]\.samples\[0\]\.data: sample "bkg" in channel "CR" has an invalid yield: bin 0 is -3/);
  assert.match(n.hint, /finite and ≥ 0/);
  assert.match(failure((ws) => { ws.observations[0]!.data = [55, NaN]; }).message, /observations\[0\]\.data: observation of channel "SR" has an invalid count: bin 1 is NaN/);
  assert.match(failure((ws) => { (ws.channels[0]!.samples[1]!.modifiers[1]!.data as { lo_data: number[] }).lo_data = [48, -1]; }).message, /modifiers\[1\]\.data\.lo_data: lo_data of the histosys "jes" .* bin 1 is -1/);
  assert.match(failure((ws) => { ws.channels[1]!.samples[0]!.modifiers[1]!.data = [Infinity]; }).message, /modifiers\[1\]\.data: the shapesys "unc" .* invalid uncertainty: bin 0 is Infinity/);
  const lo = failure((ws) => { ws.channels[0]!.samples[1]!.modifiers[0]!.data = { hi: 1.1, lo: 0 }; });
  assert.match(lo.message, /modifiers\[0\]\.data\.lo: lo of the normsys "jes" .* is 0/);
  assert.match(lo.hint, /> 0/);
});

test('a modifier name shared by incompatible types is an error that names both places', () => {
  const e = failure((ws) => { ws.channels[1]!.samples[0]!.modifiers[0]!.name = 'jes'; });
  assert.match(e.message, /channels\[1\]\.samples\[0\]\.modifiers\[0\]: modifier name "jes" is a normfactor here but a normsys at channels\[0\]\.samples\[1\]\.modifiers\[0\] \(channel "SR", sample "bkg"\); these types cannot share a parameter/);
  assert.match(e.hint, /only modifiers of the same type, or a normsys and a histosys, may share a name/);
  const s = failure((ws) => { ws.channels[1]!.samples[0]!.modifiers[1] = { name: 'stat_SR', type: 'staterror', data: [10] }; });
  assert.match(s.message, /staterror "stat_SR" needs 1 parameters in channel "CR" but 2 in channel "SR"/);
});
