import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { QuarryError } from '../../errors.ts';
import { MODIFIER_TYPES, parseWorkspace, type Workspace } from './index.ts';

const REFERENCE = new URL('../../../../shared/reference/histfactory/workspaces/', import.meta.url);

function tiny(): Workspace {
  return {
    channels: [{ name: 'SR', samples: [
      { name: 'signal', data: [5, 10], modifiers: [{ name: 'mu', type: 'normfactor', data: null }] },
      { name: 'bkg', data: [50, 60], modifiers: [{ name: 'jes', type: 'normsys', data: { hi: 1.1, lo: 0.9 } }] },
    ] }],
    observations: [{ name: 'SR', data: [55, 70] }],
    measurements: [{ name: 'meas', config: { poi: 'mu', parameters: [{ name: 'mu', bounds: [[0, 10]], inits: [1] }] } }],
    version: '1.0.0',
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the edits break the types on purpose
type Loose = any;

/** Parses a broken copy of the tiny workspace and returns the QuarryError. */
function failure(edit: (ws: Loose) => void): QuarryError {
  const ws: Loose = structuredClone(tiny());
  edit(ws);
  try {
    parseWorkspace(ws, 'ws.json');
  } catch (error) {
    assert.ok(error instanceof QuarryError);
    assert.ok(!error.message.includes('\n'), 'one line');
    return error;
  }
  assert.fail('expected a QuarryError');
}

test('every reference workspace parses against the schema', () => {
  const files = readdirSync(REFERENCE).filter((f) => f.endsWith('.json'));
  assert.equal(files.length, 26);
  for (const file of files) {
    const ws = parseWorkspace(JSON.parse(readFileSync(new URL(file, REFERENCE), 'utf8')), file);
    assert.ok(ws.channels.length > 0, file);
  }
});

test('a value of the wrong type names its JSON path, the type expected and the type found', () => {
  const e = failure((ws) => { ws.channels[0].samples[1].modifiers[0].data.hi = '1.1'; });
  assert.equal(e.code, 'INVALID_INPUT');
  assert.match(e.message, /^ws\.json: invalid workspace: channels\[0\]\.samples\[1\]\.modifiers\[0\]\.data\.hi: expected a number, got string "1\.1"$/);
  assert.match(e.hint, /write channels\[0\]\.samples\[1\]\.modifiers\[0\]\.data\.hi as a number/);
});

test('a modifier data of the wrong shape says what that modifier type takes', () => {
  const e = failure((ws) => { ws.channels[0].samples[0].modifiers[0].data = [1]; });
  assert.match(e.message, /channels\[0\]\.samples\[0\]\.modifiers\[0\]\.data: expected null, got an array of 1/);
  assert.match(e.hint, /a normfactor modifier's data is null/);
});

test('a missing field is named with the object that lacks it', () => {
  const e = failure((ws) => { delete ws.channels[0].samples[1].data; });
  assert.match(e.message, /channels\[0\]\.samples\[1\]\.data: missing required field "data"/);
  assert.match(e.hint, /add "data" \(an array\) to channels\[0\]\.samples\[1\]/);
});

test('an unknown key is named and the hint lists the keys allowed in that object', () => {
  const e = failure((ws) => { ws.measurements[0].config.parameters[0].sigma = [0.1]; });
  assert.equal(e.code, 'UNKNOWN_KEY');
  assert.match(e.message, /measurements\[0\]\.config\.parameters\[0\]: unknown key "sigma"/);
  assert.match(e.hint, /allowed keys here are: name, inits, bounds, auxdata, factors, sigmas, fixed/);
  const d = failure((ws) => { ws.channels[0].samples[1].modifiers[0].data.nominal = 1; });
  assert.match(d.message, /modifiers\[0\]\.data: unknown key "nominal"/);
  assert.match(d.hint, /allowed keys here are: hi, lo$/);
  const root = failure((ws) => { ws.meta = {}; });
  assert.match(root.message, /\(root\): unknown key "meta"/);
  assert.match(root.hint, /channels, observations, measurements, version/);
});

test('an unknown modifier type is named and the hint lists the valid types', () => {
  const e = failure((ws) => { ws.channels[0].samples[1].modifiers[0].type = 'overallsys'; });
  assert.equal(e.code, 'UNKNOWN_KEY');
  assert.match(e.message, /channels\[0\]\.samples\[1\]\.modifiers\[0\]\.type: unknown modifier type "overallsys"/);
  assert.equal(e.hint, `use one of: ${MODIFIER_TYPES.join(', ')}`);
  const missing = failure((ws) => { delete ws.channels[0].samples[1].modifiers[0].type; });
  assert.match(missing.message, /modifiers\[0\]\.type: missing required field "type"/);
  assert.match(missing.hint, /normfactor, normsys, histosys/);
});

test('a wrong version, a bounds entry that is not a pair and NaN are schema errors', () => {
  assert.match(failure((ws) => { ws.version = '1.1.0'; }).message, /version: expected "1\.0\.0", got "1\.1\.0"/);
  const b = failure((ws) => { ws.measurements[0].config.parameters[0].bounds = [[0]]; });
  assert.match(b.message, /parameters\[0\]\.bounds\[0\]: expected a \[low, high\] pair, got 1 item/);
  assert.match(b.hint, /\[low, high\]/);
  assert.match(failure((ws) => { ws.observations[0].data[1] = NaN; }).message, /observations\[0\]\.data\[1\]: expected a number, got NaN/);
});

test('several problems give one line: the first, and how many more', () => {
  const e = failure((ws) => { ws.version = 2; ws.channels[0].name = 3; });
  assert.match(e.message, /channels\[0\]\.name: expected a string, got number 3 \(and 1 more problem\)$/);
});

test('the parsed workspace is a copy: editing it leaves the input alone', () => {
  const input = tiny();
  const ws = parseWorkspace(input);
  ws.channels[0]!.samples[0]!.data[0] = 99;
  assert.equal(input.channels[0]!.samples[0]!.data[0], 5);
});
