/** Loads scikit-learn's GP reference data from ../shared/reference/gp (see its README for conventions). */
import { readFileSync } from 'node:fs';

const ROOT = new URL('../../../shared/reference/gp/', import.meta.url);

export interface SklearnFixed { theta_log: number[]; lml: number; lml_grad_wrt_theta_log: number[] }
export interface SklearnFit {
  theta_log: number[];
  lml_at_optimum: number;
  lml_at_fixed: { A: SklearnFixed; B: SklearnFixed };
}
export interface SklearnDataset {
  name: string;
  dim: number;
  domain: [number, number];
  y_train_mean: number;
  y_train_std: number;
  fits: { rbf: SklearnFit; matern52: SklearnFit };
  train: { x: Float64Array; y: Float64Array };
  test: { x: Float64Array; columns: Record<string, Float64Array> };
}

function parseCsv(text: string): { header: string[]; rows: number[][] } {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  return { header, rows: lines.slice(1).map((l) => l.split(',').map(Number)) };
}

export const DATASETS = ['d1', 'd2', 'd4', 'd5'] as const;

export function loadDataset(name: (typeof DATASETS)[number]): SklearnDataset {
  const expected = JSON.parse(readFileSync(new URL('expected.json', ROOT), 'utf8'));
  const meta = expected.datasets[name];
  const d = meta.dim as number;
  const train = parseCsv(readFileSync(new URL(`${name}_train.csv`, ROOT), 'utf8'));
  const test = parseCsv(readFileSync(new URL(`${name}_test.csv`, ROOT), 'utf8'));
  const x = new Float64Array(train.rows.length * d);
  const y = new Float64Array(train.rows.length);
  train.rows.forEach((r, i) => { for (let j = 0; j < d; j++) x[i * d + j] = r[j]; y[i] = r[d]; });
  const tx = new Float64Array(test.rows.length * d);
  test.rows.forEach((r, i) => { for (let j = 0; j < d; j++) tx[i * d + j] = r[j]; });
  const columns: Record<string, Float64Array> = {};
  test.header.slice(d).forEach((c, k) => (columns[c] = Float64Array.from(test.rows, (r) => r[d + k])));
  return { name, dim: d, domain: meta.domain, y_train_mean: meta.y_train_mean, y_train_std: meta.y_train_std, fits: meta.fits, train: { x, y }, test: { x: tx, columns } };
}
