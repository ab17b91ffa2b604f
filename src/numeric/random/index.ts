/** Seeded randomness: the `Rng` interface, its constructors and helpers. */
export { createRng, createStreams, rngFromState, shuffle } from './rng.ts';
export type { Rng, RngState } from './rng.ts';
