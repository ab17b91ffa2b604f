import { test } from 'node:test';
import assert from 'node:assert/strict';
import { poissonLogPdf, poissonLogPdfDNu } from './poisson.ts';

test('the Poisson log-density is n ln ν − ν − ln n! with every constant', () => {
  assert.ok(Math.abs(poissonLogPdf(3, 2) - (3 * Math.log(2) - 2 - Math.log(6))) < 1e-14);
  assert.ok(Math.abs(poissonLogPdf(0, 2.5) + 2.5) < 1e-15);
});

test('it is continuous in n (Asimov data): ln Γ(n + 1) for non-integer n', () => {
  // Γ(3.5) = 15√π/8.
  assert.ok(Math.abs(poissonLogPdf(2.5, 2.5) - (2.5 * Math.log(2.5) - 2.5 - Math.log((15 * Math.sqrt(Math.PI)) / 8))) < 1e-13);
});

test('an empty bin with zero expectation contributes 0 and has slope −1', () => {
  assert.equal(poissonLogPdf(0, 0), 0);
  assert.equal(poissonLogPdfDNu(0, 0), -1);
  assert.equal(poissonLogPdf(2, 0), -Infinity);
  assert.equal(poissonLogPdfDNu(4, 2), 1);
});
