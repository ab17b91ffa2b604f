/** How the wasm backend splits a job's rows or columns into task ranges for the two threads. */
export function weightedSplit(total: number, count: number, weight: (t: number) => number): number[] {
  let sum = 0;
  for (let t = 0; t < total; t++) sum += weight(t);
  const out = [0];
  let acc = 0;
  for (let t = 0; t < total; t++) {
    acc += weight(t);
    if (acc >= (sum * out.length) / count && out.length < count) out.push(t + 1);
  }
  out.push(total);
  return dedupe(out);
}

/** count + 1 boundaries splitting [0, total) evenly. */
export function evenSplit(total: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i <= count; i++) out.push(Math.round((total * i) / count));
  return dedupe(out);
}

/** Boundaries splitting the rows of a lower triangle of `total` tile rows into `count` equal areas. */
export function triangleSplit(total: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i <= count; i++) out.push(Math.round(total * Math.sqrt(i / count)));
  return dedupe(out);
}

function dedupe(bounds: number[]): number[] {
  return bounds.filter((v, i) => i === 0 || v > bounds[i - 1]);
}
