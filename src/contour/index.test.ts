import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as contour from './index.ts';

test('the public names of src/contour are pinned', () => {
  assert.deepEqual(Object.keys(contour).sort(), ['contourPolygons', 'contourToGeoJSON', 'isoLines', 'levelCurves', 'marchingSquares', 'polygons', 'ringArea', 'slice2d']);
});
