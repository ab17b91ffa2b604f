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

/**
 * Column boundaries of the triangular solve's tasks over w columns (each task solves its columns in
 * blocks of at most cb, a multiple of 4), at most maxTasks of them. On both threads the last tasks are
 * narrower (cb/2, cb/2, cb/4, cb/4), so a thread that runs slower (a busy core) leaves the other less
 * to wait for at the end.
 */
export function trsmSplit(w: number, cb: number, parallel: boolean, maxTasks: number): number[] {
  const tail = parallel && w >= 4 * cb && cb >= 32 ? [cb / 2, cb / 2, cb / 4, cb / 4].map((c) => Math.ceil(c / 4) * 4) : [];
  const head = w - tail.reduce((a, c) => a + c, 0);
  const tasks = Math.min(Math.ceil(head / cb), maxTasks - tail.length);
  const out = [0];
  for (let i = 1; i <= tasks; i++) out.push(Math.min(head, Math.ceil((head * i) / tasks / 4) * 4));
  for (const c of tail) out.push(out[out.length - 1] + c);
  return dedupe(out);
}
