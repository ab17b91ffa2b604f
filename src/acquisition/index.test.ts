import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACQUISITIONS, acquisition } from './index.ts';
import { QuarryError } from '../errors.ts';

test('the acquisition table lists six acquisitions, each with a kind and a one-line description', () => {
  assert.deepEqual(Object.keys(ACQUISITIONS), ['entropy', 'straddle', 'bichon', 'ranjan', 'mutual-information', 'sur']);
  for (const [name, entry] of Object.entries(ACQUISITIONS)) {
    assert.ok(entry.kind === 'pointwise' || entry.kind === 'lookahead', name);
    assert.equal(typeof entry.score, 'function');
    assert.ok(entry.description.length > 10 && !entry.description.includes('\n'));
  }
  assert.equal(acquisition('sur').kind, 'lookahead');
  assert.equal(acquisition('entropy').kind, 'pointwise');
});

test('the table rejects an unknown name with the valid names listed', () => {
  assert.throws(
    () => acquisition('ei'),
    (e: unknown) =>
      e instanceof QuarryError && e.code === 'UNKNOWN_KEY' && e.message.includes('"ei"') &&
      e.hint.includes('entropy, straddle, bichon, ranjan, mutual-information, sur'),
  );
  assert.throws(() => acquisition('toString'), QuarryError);
});
