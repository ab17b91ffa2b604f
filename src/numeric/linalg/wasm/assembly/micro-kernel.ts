// The 4 × 4 f64 micro-kernel of quarry's wasm linalg kernels (AssemblyScript; part of build/linalg*.wasm):
// C[r][q] -= Σ_p a[p][r]·b[p][q] with 8 v128 accumulators (V8 gives wasm SIMD 16 xmm registers on x64,
// wider tiles spill), and the multiply-add it is built on.


/** c + a·b: one fused multiply-add in the relaxed-SIMD build (--enable relaxed-simd), mul + add otherwise. */
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(c, f64x2.mul(a, b));
}

@inline export function mk(c: usize, ldc: usize, a: usize, b: usize, kc: i32): void {
  let s00 = f64x2.splat(0), s01 = f64x2.splat(0), s10 = f64x2.splat(0), s11 = f64x2.splat(0);
  let s20 = f64x2.splat(0), s21 = f64x2.splat(0), s30 = f64x2.splat(0), s31 = f64x2.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let x = v128.load_splat<f64>(a);
    s00 = madd(x, b0, s00); s01 = madd(x, b1, s01);
    x = v128.load_splat<f64>(a, 8);
    s10 = madd(x, b0, s10); s11 = madd(x, b1, s11);
    x = v128.load_splat<f64>(a, 16);
    s20 = madd(x, b0, s20); s21 = madd(x, b1, s21);
    x = v128.load_splat<f64>(a, 24);
    s30 = madd(x, b0, s30); s31 = madd(x, b1, s31);
    a += 32; b += 32;
  }
  v128.store(c, f64x2.sub(v128.load(c), s00)); v128.store(c, f64x2.sub(v128.load(c, 16), s01), 16);
  c += ldc;
  v128.store(c, f64x2.sub(v128.load(c), s10)); v128.store(c, f64x2.sub(v128.load(c, 16), s11), 16);
  c += ldc;
  v128.store(c, f64x2.sub(v128.load(c), s20)); v128.store(c, f64x2.sub(v128.load(c, 16), s21), 16);
  c += ldc;
  v128.store(c, f64x2.sub(v128.load(c), s30)); v128.store(c, f64x2.sub(v128.load(c, 16), s31), 16);
}

/** Exported for benchmarking the micro-kernel alone. */
export function microKernel(c: usize, ldc: usize, a: usize, b: usize, kc: i32, reps: i32): void {
  for (let i = 0; i < reps; i++) mk(c, ldc, a, b, kc);
}
