/**
 * CSV tables at the CLI boundary: read a comma-separated file with a header row into numeric columns,
 * write columns back round-trip exact, and check a table is fit to train a Gaussian process on.
 * Every failure is a one-line QuarryError of the form `file:line: what, where` with a hint to fix it.
 */
import { readFileSync } from 'node:fs';
import { QuarryError } from '../errors.ts';

export interface Table {
  /** Name used in messages: the path, or "<stdin>" when it was "-". */
  source: string;
  columns: string[];
  /** Number of data rows. */
  rows: number;
  /** 1-based line in the file of the header row. */
  headerLine: number;
  /** 1-based line in the file of data row r (comments and blank lines counted). */
  line(row: number): number;
  /** The text of a cell, unquoted and trimmed. */
  cell(row: number, name: string): string;
  /** A column's numbers; throws if the column is missing or holds text. Empty cells are NaN. */
  column(name: string): Float64Array;
  /** Every column whose cells are all numbers (NaN, Infinity and empty cells included). */
  numeric: Record<string, Float64Array>;
}

export interface GpData {
  /** n × d inputs, row-major, in the order of `inputs`. */
  x: Float64Array;
  /** n targets. */
  y: Float64Array;
  n: number;
  d: number;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = {
  nan: NaN, '+nan': NaN, '-nan': NaN, inf: Infinity, '+inf': Infinity, '-inf': -Infinity,
  infinity: Infinity, '+infinity': Infinity, '-infinity': -Infinity,
};

/** The number a cell holds ('' → NaN, 'NaN'/'inf'/'-Infinity' accepted), or undefined for text. */
function parseNumber(text: string): number | undefined {
  if (text === '') return NaN;
  if (NUMBER.test(text)) return Number(text);
  return SPECIAL[text.toLowerCase()];
}

function invalid(message: string, hint: string): QuarryError {
  return new QuarryError('INVALID_INPUT', message, hint);
}

/** Splits one CSV line into trimmed fields; a field may be wrapped in double quotes ("" inside is a quote). */
function splitLine(text: string, where: string): string[] {
  const fields: string[] = [];
  let k = 0;
  for (;;) {
    while (text[k] === ' ' || text[k] === '\t') k++;
    let field: string;
    if (text[k] === '"') {
      let value = '';
      let close = -1;
      for (let p = k + 1; p < text.length; p++) {
        if (text[p] !== '"') value += text[p];
        else if (text[p + 1] === '"') { value += '"'; p++; }
        else { close = p; break; }
      }
      if (close < 0) throw invalid(`${where}: column ${fields.length + 1} opens a quote that is never closed`, 'close the quote on the same line, and write a quote inside quotes as ""');
      k = close + 1;
      while (text[k] === ' ' || text[k] === '\t') k++;
      if (k < text.length && text[k] !== ',') throw invalid(`${where}: column ${fields.length + 1} has text after its closing quote`, 'put the whole field inside the quotes');
      field = value;
    } else {
      const comma = text.indexOf(',', k);
      field = (comma < 0 ? text.slice(k) : text.slice(k, comma)).trim();
      k = comma < 0 ? text.length : comma;
    }
    fields.push(field);
    if (k >= text.length) return fields;
    k++; // the comma
  }
}

function readSource(path: string): { text: string; source: string } {
  if (path === '-') return { text: readFileSync(0, 'utf8'), source: '<stdin>' };
  try {
    return { text: readFileSync(path, 'utf8'), source: path };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new QuarryError('FILE_NOT_FOUND', `${path}: file not found`, `check the path (relative paths start from ${process.cwd()}); use - to read from stdin`, { cause: error });
    }
    if (code === 'EISDIR') throw invalid(`${path}: is a directory, not a CSV file`, 'give the path of a .csv file inside it');
    throw new QuarryError('INVALID_INPUT', `${path}: cannot be read (${code ?? String(error)})`, 'check that you may read the file', { cause: error });
  }
}

function columnLabel(name: string, index: number): string {
  return `column "${name}" (column ${index + 1})`;
}

/** The error for a column the header lacks, listing the ones it has. */
function missingColumn(table: Pick<Table, 'source' | 'headerLine' | 'columns'>, name: string): QuarryError {
  const near = table.columns.find((c) => c.toLowerCase() === name.toLowerCase());
  return invalid(
    `${table.source}:${table.headerLine}: no column "${name}" in the header (available: ${table.columns.join(', ') || 'none'})`,
    near !== undefined ? `did you mean "${near}"? Column names are case-sensitive` : `name one of the available columns, or add "${name}" to the header on line ${table.headerLine}`,
  );
}

/**
 * Reads a CSV file (`-` for stdin): comma-separated, one header row (names may be quoted), `#` comment
 * lines and blank lines ignored, CRLF accepted. Throws FILE_NOT_FOUND, or INVALID_INPUT for an empty
 * file, a bad header, ragged rows, or a column in `options.required` that the header lacks.
 */
export function readTable(path: string, options: { required?: readonly string[] } = {}): Table {
  const { text, source } = readSource(path);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let headerLine = 0;
  let columns: string[] = [];
  const lineOfRow: number[] = [];
  let cells: string[][] = [];
  for (let k = 0; k < lines.length; k++) {
    const trimmed = lines[k].trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const where = `${source}:${k + 1}`;
    const fields = splitLine(lines[k], where);
    if (headerLine === 0) {
      headerLine = k + 1;
      columns = fields;
      checkHeader(columns, where);
      cells = columns.map(() => []);
      continue;
    }
    if (fields.length !== columns.length) {
      const detail = fields.length < columns.length
        ? `has ${fields.length} fields, so ${columnLabel(columns[fields.length], fields.length)} has no value`
        : `has ${fields.length} fields, one more than the ${columns.length} columns of the header (extra field "${fields[columns.length]}")`;
      throw invalid(`${where}: row ${detail}; the header on line ${headerLine} has ${columns.length} columns`, 'give every row one value per header column; quote text that contains commas');
    }
    lineOfRow.push(k + 1);
    for (let c = 0; c < fields.length; c++) cells[c].push(fields[c]);
  }
  if (headerLine === 0) {
    throw invalid(`${source}:1: the file is empty (no header row${text.trim() === '' ? '' : ', only comments and blank lines'})`, 'start the file with a header row naming the columns, e.g. m0,m12,cls, then one row per point');
  }
  const index = new Map(columns.map((name, c) => [name, c]));
  const numeric: Record<string, Float64Array> = {};
  columns.forEach((name, c) => {
    const values = new Float64Array(lineOfRow.length);
    for (let r = 0; r < values.length; r++) {
      const v = parseNumber(cells[c][r]);
      if (v === undefined) return;
      values[r] = v;
    }
    numeric[name] = values;
  });
  const table: Table = {
    source,
    columns,
    rows: lineOfRow.length,
    headerLine,
    line: (row) => lineOfRow[row],
    cell(row, name) {
      const c = index.get(name);
      if (c === undefined) throw missingColumn(table, name);
      return cells[c][row];
    },
    column(name) {
      const c = index.get(name);
      if (c === undefined) throw missingColumn(table, name);
      const values = numeric[name];
      if (values !== undefined) return values;
      const r = cells[c].findIndex((text) => parseNumber(text) === undefined);
      throw textCell(table, r, name, c);
    },
    numeric,
  };
  for (const name of options.required ?? []) if (!index.has(name)) throw missingColumn(table, name);
  return table;
}

function checkHeader(columns: string[], where: string): void {
  const empty = columns.findIndex((c) => c === '');
  if (empty >= 0) {
    throw invalid(`${where}: column ${empty + 1} of the header has no name`, 'name every column (pandas writes an unnamed index column unless you pass index=False)');
  }
  const seen = new Map<string, number>();
  columns.forEach((name, c) => {
    const first = seen.get(name);
    if (first !== undefined) throw invalid(`${where}: column "${name}" appears twice in the header (columns ${first + 1} and ${c + 1})`, 'give every column a different name');
    seen.set(name, c);
  });
  if (columns.every((name) => parseNumber(name) !== undefined)) {
    throw invalid(`${where}: the first row (${columns.join(',')}) holds only numbers, not column names`, 'add a header row naming the columns; numpy.savetxt writes its header as a # comment unless you pass comments=""');
  }
}

function textCell(table: Table, row: number, name: string, c: number): QuarryError {
  return invalid(
    `${table.source}:${table.line(row)}: ${columnLabel(name, c)} holds text "${table.cell(row, name)}" where a number is expected`,
    'write a plain number such as 1.5 or 2e-3 (no units or thousands separators), or delete the row',
  );
}

/**
 * Checks a table is fit to train a Gaussian process of `target` on `inputs` and returns its data.
 * Rejects (INVALID_INPUT, naming file, line and column): a missing column, text, NaN, Infinity or an
 * empty cell in an input or target column, fewer than d + 1 rows, and repeated input points.
 */
export function validateGpTable(table: Table, inputs: readonly string[], target: string): GpData {
  const d = inputs.length;
  if (d === 0) throw new QuarryError('INVALID_ARGUMENT', 'no input columns given', `name the input columns, e.g. --inputs ${table.columns.filter((c) => c !== target).join(',')}`);
  const names = [...inputs, target];
  const twice = names.find((name, k) => names.indexOf(name) !== k);
  if (twice !== undefined) throw new QuarryError('INVALID_ARGUMENT', `column "${twice}" is named twice among the inputs and the target`, 'list each input column once, and keep the target out of the inputs');
  const { x, y } = finiteCells(table, names, d);
  const n = table.rows;
  if (n < d + 1) {
    const span = n === 0 ? `no data rows after the header on line ${table.headerLine}` : `only ${n} data row${n === 1 ? '' : 's'} (lines ${table.line(0)}–${table.line(n - 1)})`;
    throw invalid(`${table.source}: ${span}; ${d} input${d === 1 ? '' : 's'} (${inputs.join(', ')}) need at least ${d + 1}`, `add rows until there are at least ${d + 1} (and many more for a useful fit)`);
  }
  const firstRow = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const point = Array.from(x.subarray(r * d, (r + 1) * d));
    const key = point.join(',');
    const first = firstRow.get(key);
    if (first !== undefined) {
      throw invalid(
        `${table.source}:${table.line(r)}: inputs (${inputs.join(', ')}) = (${point.join(', ')}) repeat line ${table.line(first)}`,
        `a Gaussian process needs distinct input points: merge the two rows (e.g. average their "${target}") or delete one`,
      );
    }
    firstRow.set(key, r);
  }
  return { x, y, n, d };
}

/** The points (m × d, row-major) of a table's input columns; rejects text, NaN, Infinity and empty cells. */
export function pointsFromTable(table: Table, inputs: readonly string[]): Float64Array {
  return finiteCells(table, inputs, inputs.length).x;
}

/** Reads the named columns as finite numbers: the first d into x (row-major), a last one into y. */
function finiteCells(table: Table, names: readonly string[], d: number): { x: Float64Array; y: Float64Array } {
  const index = names.map((name) => {
    const c = table.columns.indexOf(name);
    if (c < 0) throw missingColumn(table, name);
    return c;
  });
  const n = table.rows;
  const x = new Float64Array(n * d);
  const y = new Float64Array(names.length > d ? n : 0);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < names.length; k++) {
      const text = table.cell(r, names[k]);
      const v = parseNumber(text);
      if (v === undefined) throw textCell(table, r, names[k], index[k]);
      if (!Number.isFinite(v)) {
        const what = text === '' ? 'is empty' : `holds ${text}`;
        throw invalid(`${table.source}:${table.line(r)}: ${columnLabel(names[k], index[k])} ${what}; inputs and target must be finite numbers`, `fill in the value or delete line ${table.line(r)}`);
      }
      if (k < d) x[r * d + k] = v;
      else y[r] = v;
    }
  }
  return { x, y };
}

function quoteName(name: string): string {
  return /[",\r\n#]|^\s|\s$/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}

/** Writes columns as CSV (header row, '\n' line ends, trailing newline), numbers round-trip exact. */
export function writeCsv(columns: readonly string[], data: readonly Float64Array[]): string {
  if (columns.length === 0 || data.length !== columns.length) {
    throw new QuarryError('INVALID_ARGUMENT', `writeCsv got ${columns.length} column names and ${data.length} columns of data`, 'pass one name per column, and at least one column');
  }
  const n = data[0].length;
  const ragged = data.findIndex((col) => col.length !== n);
  if (ragged >= 0) throw new QuarryError('INVALID_ARGUMENT', `writeCsv column "${columns[ragged]}" has ${data[ragged].length} values but "${columns[0]}" has ${n}`, 'give every column the same length');
  const out = [columns.map(quoteName).join(',')];
  for (let r = 0; r < n; r++) out.push(data.map((col) => (Object.is(col[r], -0) ? '-0' : String(col[r]))).join(','));
  return out.join('\n') + '\n';
}
