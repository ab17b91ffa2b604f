import { it } from 'node:test';
import assert from 'node:assert/strict';
import * as optimize from './index.ts';

it('numeric/optimize exports exactly its public names', () => {
  assert.deepEqual(Object.keys(optimize).sort(), ['bracketRoot', 'brentMinimize', 'brentRoot', 'lbfgsb', 'toms748']);
});
