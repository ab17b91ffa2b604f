import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QuarryError } from '../../errors.ts';
import { parseJsonPatch, parsePatchset, type Patchset } from './patchset.ts';

function patchset(): Patchset {
  return {
    metadata: { description: 'signal grid', digests: { sha256: 'abc' }, labels: ['m1', 'm2'], references: { hepdata: 'ins1748602' } },
    patches: [
      { metadata: { name: 'sig_1000_100', values: [1000, 100] }, patch: [{ op: 'add', path: '/channels/0/samples/-', value: { name: 's', data: [1], modifiers: [] } }] },
      { metadata: { name: 'sig_1100_100', values: [1100, 100] }, patch: [{ op: 'remove', path: '/channels/0/samples/0' }] },
    ],
    version: '1.0.0',
  };
}

function failure(run: () => unknown): QuarryError {
  try { run(); } catch (error) { assert.ok(error instanceof QuarryError); return error; }
  assert.fail('expected a QuarryError');
}

test('a valid patchset parses', () => {
  assert.equal(parsePatchset(patchset()).patches.length, 2);
});

test('a published patchset with an analysis_id parses', () => {
  const ps = { ...patchset(), metadata: { ...patchset().metadata, analysis_id: 'SUSY-2018-31' } };
  assert.equal(parsePatchset(ps).metadata.analysis_id, 'SUSY-2018-31');
});

test('patchset schema errors name the JSON path and the allowed keys', () => {
  const ps: unknown = { ...patchset(), metadata: { ...patchset().metadata, digest: {} } };
  const e = failure(() => parsePatchset(ps, 'ps.json'));
  assert.match(e.message, /^ps\.json: invalid patchset: metadata: unknown key "digest"/);
  assert.match(e.hint, /analysis_id, description, digests, labels, references/);
});

test('a patch needs one value per label, a unique name and unique values', () => {
  const wrong = patchset();
  wrong.patches[1]!.metadata.values = [1100];
  const e = failure(() => parsePatchset(wrong));
  assert.match(e.message, /patches\[1\]\.metadata\.values: patch "sig_1100_100" has 1 values, expected 2 \(labels: m1, m2\)/);
  const dup = patchset();
  dup.patches[1]!.metadata.name = 'sig_1000_100';
  assert.match(failure(() => parsePatchset(dup)).message, /patches\[1\]\.metadata\.name: "sig_1000_100" is also the name of patches\[0\]/);
  const same = patchset();
  same.patches[1]!.metadata.values = [1000, 100];
  assert.match(failure(() => parsePatchset(same)).message, /\[1000,100\] are also the values of patches\[0\]/);
});

test('a JSON patch operation with an unknown op lists the valid ops; a missing value is named', () => {
  const e = failure(() => parseJsonPatch([{ op: 'remove', path: '/a' }, { op: 'delete', path: '/b' }]));
  assert.match(e.message, /\[1\]\.op: unknown op "delete"/);
  assert.match(e.hint, /add, remove, replace, move, copy, test/);
  const value = failure(() => parseJsonPatch([{ op: 'add', path: '/a' }]));
  assert.match(value.message, /\[0\]\.value: missing required field "value"/);
  assert.match(value.hint, /add "value" to \[0\]/);
});
