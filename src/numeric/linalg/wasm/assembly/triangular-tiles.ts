// The 4 × 4 diagonal-tile solves of the triangular solve and the triangular inverse (linalg.ts), on the
// column-tile packing described there: two f64x2 lanes per row, fully unrolled so every value stays in a
// register. @inline: they run once per tile in the innermost loops.

/** Forward solve of the 4 × 4 column-tile block w (rows at w + 32 r) with u[r'][r] = L[r, r'] (u + 32 r' + 8 r). */
@inline export function diagFwd(w: usize, u: usize): void {
  let x0a = v128.load(w), x0b = v128.load(w, 16);
  let d = f64x2.splat(1.0 / load<f64>(u));
  x0a = f64x2.mul(x0a, d); x0b = f64x2.mul(x0b, d);
  let l = f64x2.splat(load<f64>(u, 8));
  let x1a = f64x2.sub(v128.load(w, 32), f64x2.mul(l, x0a)), x1b = f64x2.sub(v128.load(w, 48), f64x2.mul(l, x0b));
  d = f64x2.splat(1.0 / load<f64>(u, 40));
  x1a = f64x2.mul(x1a, d); x1b = f64x2.mul(x1b, d);
  l = f64x2.splat(load<f64>(u, 16));
  let x2a = f64x2.sub(v128.load(w, 64), f64x2.mul(l, x0a)), x2b = f64x2.sub(v128.load(w, 80), f64x2.mul(l, x0b));
  l = f64x2.splat(load<f64>(u, 48));
  x2a = f64x2.sub(x2a, f64x2.mul(l, x1a)); x2b = f64x2.sub(x2b, f64x2.mul(l, x1b));
  d = f64x2.splat(1.0 / load<f64>(u, 80));
  x2a = f64x2.mul(x2a, d); x2b = f64x2.mul(x2b, d);
  l = f64x2.splat(load<f64>(u, 24));
  let x3a = f64x2.sub(v128.load(w, 96), f64x2.mul(l, x0a)), x3b = f64x2.sub(v128.load(w, 112), f64x2.mul(l, x0b));
  l = f64x2.splat(load<f64>(u, 56));
  x3a = f64x2.sub(x3a, f64x2.mul(l, x1a)); x3b = f64x2.sub(x3b, f64x2.mul(l, x1b));
  l = f64x2.splat(load<f64>(u, 88));
  x3a = f64x2.sub(x3a, f64x2.mul(l, x2a)); x3b = f64x2.sub(x3b, f64x2.mul(l, x2b));
  d = f64x2.splat(1.0 / load<f64>(u, 120));
  x3a = f64x2.mul(x3a, d); x3b = f64x2.mul(x3b, d);
  v128.store(w, x0a); v128.store(w, x0b, 16); v128.store(w, x1a, 32); v128.store(w, x1b, 48);
  v128.store(w, x2a, 64); v128.store(w, x2b, 80); v128.store(w, x3a, 96); v128.store(w, x3b, 112);
}

/** Backward solve of the 4 × 4 block w with u[r'][r] = L[r', r] (the transposed row-tile packing). */
@inline export function diagBwd(w: usize, u: usize): void {
  let d = f64x2.splat(1.0 / load<f64>(u, 120));
  let x3a = f64x2.mul(v128.load(w, 96), d), x3b = f64x2.mul(v128.load(w, 112), d);
  let l = f64x2.splat(load<f64>(u, 112));
  let x2a = f64x2.sub(v128.load(w, 64), f64x2.mul(l, x3a)), x2b = f64x2.sub(v128.load(w, 80), f64x2.mul(l, x3b));
  d = f64x2.splat(1.0 / load<f64>(u, 80));
  x2a = f64x2.mul(x2a, d); x2b = f64x2.mul(x2b, d);
  l = f64x2.splat(load<f64>(u, 104));
  let x1a = f64x2.sub(v128.load(w, 32), f64x2.mul(l, x3a)), x1b = f64x2.sub(v128.load(w, 48), f64x2.mul(l, x3b));
  l = f64x2.splat(load<f64>(u, 72));
  x1a = f64x2.sub(x1a, f64x2.mul(l, x2a)); x1b = f64x2.sub(x1b, f64x2.mul(l, x2b));
  d = f64x2.splat(1.0 / load<f64>(u, 40));
  x1a = f64x2.mul(x1a, d); x1b = f64x2.mul(x1b, d);
  l = f64x2.splat(load<f64>(u, 96));
  let x0a = f64x2.sub(v128.load(w), f64x2.mul(l, x3a)), x0b = f64x2.sub(v128.load(w, 16), f64x2.mul(l, x3b));
  l = f64x2.splat(load<f64>(u, 64));
  x0a = f64x2.sub(x0a, f64x2.mul(l, x2a)); x0b = f64x2.sub(x0b, f64x2.mul(l, x2b));
  l = f64x2.splat(load<f64>(u, 32));
  x0a = f64x2.sub(x0a, f64x2.mul(l, x1a)); x0b = f64x2.sub(x0b, f64x2.mul(l, x1b));
  d = f64x2.splat(1.0 / load<f64>(u));
  x0a = f64x2.mul(x0a, d); x0b = f64x2.mul(x0b, d);
  v128.store(w, x0a); v128.store(w, x0b, 16); v128.store(w, x1a, 32); v128.store(w, x1b, 48);
  v128.store(w, x2a, 64); v128.store(w, x2b, 80); v128.store(w, x3a, 96); v128.store(w, x3b, 112);
}
