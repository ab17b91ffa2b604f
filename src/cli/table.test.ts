import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readTable, validateGpTable, writeCsv } from './table.ts';
import { QuarryError } from '../errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'quarry-table-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;

/** Writes `text` to a fresh file and returns its path. */
function file(text: string): string {
  const path = join(dir, `t${count++}.csv`);
  writeFileSync(path, text);
  return path;
}

/** Asserts `fn` throws a one-line QuarryError with `code` whose message matches every pattern. */
function rejects(fn: () => unknown, code: string, ...patterns: RegExp[]): QuarryError {
  let caught: unknown;
  try { fn(); } catch (error) { caught = error; }
  assert.ok(caught instanceof QuarryError, `expected a QuarryError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.ok(!caught.message.includes('\n') && caught.hint.length > 0 && !caught.hint.includes('\n'));
  for (const pattern of patterns) assert.match(caught.message, pattern);
  return caught;
}

const gp = (text: string, inputs = ['m0', 'm12'], target = 'cls') => {
  const path = file(text);
  return { path, run: () => validateGpTable(readTable(path), inputs, target) };
};

test('readTable reads quoted header names, skips comments and blank lines, and accepts CRLF', () => {
  const path = file('\uFEFF# produced by a scan\r\n"m0", "m12" ,cls\r\n\r\n100,200,0.5\r\n  # a comment\r\n150, 250 ,"0.01"\r\n');
  const table = readTable(path, { required: ['m0', 'cls'] });
  assert.deepEqual(table.columns, ['m0', 'm12', 'cls']);
  assert.equal(table.rows, 2);
  assert.deepEqual(Array.from(table.column('m12')), [200, 250]);
  assert.deepEqual(Array.from(table.numeric.cls), [0.5, 0.01]);
  assert.equal(table.headerLine, 2);
  assert.deepEqual([table.line(0), table.line(1)], [4, 6]);
});

test('text columns stay out of numeric, and column() names the first text cell', () => {
  const table = readTable(file('name,x\nalpha,1\nbeta,2\n'));
  assert.deepEqual(Object.keys(table.numeric), ['x']);
  rejects(() => table.column('name'), 'INVALID_INPUT', /:2: column "name" \(column 1\) holds text "alpha"/);
});

test('writeCsv → readTable round-trips every float64 exactly, including -0, NaN and ±Infinity', () => {
  const a = Float64Array.of(0.1, 1 / 3, -0, 5e-324, 1.7976931348623157e308, 1e21, -2.5e-7);
  const b = Float64Array.of(NaN, Infinity, -Infinity, 0, Math.PI, -1, 123456789012345680000);
  const text = writeCsv(['a', 'b, with comma'], [a, b]);
  assert.equal(text.split('\n')[0], 'a,"b, with comma"');
  const table = readTable(file(text));
  assert.deepEqual(table.columns, ['a', 'b, with comma']);
  assert.deepEqual(table.column('a'), a);
  assert.deepEqual(table.column('b, with comma'), b);
  assert.ok(Object.is(table.column('a')[2], -0));
});

test('writeCsv rejects mismatched names and ragged columns', () => {
  rejects(() => writeCsv(['a'], []), 'INVALID_ARGUMENT', /1 column names and 0 columns/);
  rejects(() => writeCsv(['a', 'b'], [new Float64Array(2), new Float64Array(3)]), 'INVALID_ARGUMENT', /"b" has 3 values but "a" has 2/);
});

test('"-" reads the table from stdin', () => {
  const script = "import { readTable } from './src/cli/table.ts'; const t = readTable('-'); console.log(t.source, t.rows, t.column('y')[1]);";
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { input: 'x,y\n1,2\n3,4\n', encoding: 'utf8' });
  assert.equal(result.stdout.trim(), '<stdin> 2 4', result.stderr);
});

test('a missing file is FILE_NOT_FOUND naming the path', () => {
  rejects(() => readTable(join(dir, 'nope.csv')), 'FILE_NOT_FOUND', /nope\.csv: file not found/);
});

test('an empty file, or one with only comments, is rejected', () => {
  rejects(() => readTable(file('')), 'INVALID_INPUT', /\.csv:1: the file is empty \(no header row\)/);
  rejects(() => readTable(file('# nothing\n\n')), 'INVALID_INPUT', /only comments and blank lines/);
});

test('header problems: numbers only, an unnamed column, a repeated name, an open quote', () => {
  rejects(() => readTable(file('# m0,m12\n1,2\n')), 'INVALID_INPUT', /:2: the first row \(1,2\) holds only numbers/);
  rejects(() => readTable(file(',m0,m12\n0,1,2\n')), 'INVALID_INPUT', /:1: column 1 of the header has no name/);
  rejects(() => readTable(file('m0,m12,m0\n')), 'INVALID_INPUT', /"m0" appears twice in the header \(columns 1 and 3\)/);
  rejects(() => readTable(file('"m0,m12\n')), 'INVALID_INPUT', /:1: column 1 opens a quote that is never closed/);
});

test('a missing column lists the available ones (readTable required, and validateGpTable)', () => {
  const path = file('m0,M12,cls\n1,2,3\n');
  rejects(() => readTable(path, { required: ['mass'] }), 'INVALID_INPUT', /:1: no column "mass" in the header \(available: m0, M12, cls\)/);
  const error = rejects(() => validateGpTable(readTable(path), ['m0', 'm12'], 'cls'), 'INVALID_INPUT', /no column "m12"/, /available: m0, M12, cls/);
  assert.match(error.hint, /did you mean "M12"/);
});

test('ragged rows name the line and the column left without a value (or the extra field)', () => {
  rejects(() => readTable(file('m0,m12,cls\n1,2,3\n4,5\n')), 'INVALID_INPUT', /:3: row has 2 fields, so column "cls" \(column 3\) has no value; the header on line 1 has 3 columns/);
  rejects(() => readTable(file('m0,m12,cls\n1,2,3,9\n')), 'INVALID_INPUT', /:2: row has 4 fields.*extra field "9"/);
});

test('text in a number column names the line, the column and quotes the text', () => {
  const { run } = gp('m0,m12,cls\n1,2,0.1\n3,4,0.2\n5,6 GeV,0.3\n');
  rejects(run, 'INVALID_INPUT', /:4: column "m12" \(column 2\) holds text "6 GeV" where a number is expected/);
});

test('NaN, Infinity and empty cells are rejected with line and column', () => {
  rejects(gp('m0,m12,cls\n1,2,NaN\n').run, 'INVALID_INPUT', /:2: column "cls" \(column 3\) holds NaN/);
  rejects(gp('m0,m12,cls\n1,2,0.1\n1,-inf,0.1\n').run, 'INVALID_INPUT', /:3: column "m12" \(column 2\) holds -inf/);
  rejects(gp('m0,m12,cls\n1,2,0.1\n\n,3,0.1\n').run, 'INVALID_INPUT', /:4: column "m0" \(column 1\) is empty/);
});

test('repeated input points name both lines', () => {
  const { run } = gp('m0,m12,cls\n1,2,0.1\n3,4,0.2\n# again\n1.0,2e0,0.3\n');
  const error = rejects(run, 'INVALID_INPUT', /:5: inputs \(m0, m12\) = \(1, 2\) repeat line 2/);
  assert.match(error.hint, /average their "cls"/);
});

test('fewer rows than inputs + 1 is rejected', () => {
  rejects(gp('m0,m12,cls\n1,2,0.1\n3,4,0.2\n').run, 'INVALID_INPUT', /only 2 data rows \(lines 2–3\); 2 inputs \(m0, m12\) need at least 3/);
  rejects(gp('m0,m12,cls\n').run, 'INVALID_INPUT', /no data rows after the header on line 1/);
});

test('validateGpTable returns the inputs row-major and the target, ignoring other columns', () => {
  const { run } = gp('note,m12,cls,m0\nA,2,0.1,1\nB,4,0.2,3\nC,6,0.3,5\n');
  const data = run();
  assert.equal(data.n, 3);
  assert.equal(data.d, 2);
  assert.deepEqual(Array.from(data.x), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(data.y), [0.1, 0.2, 0.3]);
});

test('validateGpTable rejects no inputs and a target among the inputs', () => {
  const table = readTable(file('m0,cls\n1,2\n'));
  rejects(() => validateGpTable(table, [], 'cls'), 'INVALID_ARGUMENT', /no input columns/);
  rejects(() => validateGpTable(table, ['m0', 'cls'], 'cls'), 'INVALID_ARGUMENT', /"cls" is named twice/);
});
