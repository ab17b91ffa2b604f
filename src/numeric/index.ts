/** The numerical core's public names (linear algebra, special functions, randomness, designs, optimisers). */
export * from './linalg/index.ts';
export * from './special/index.ts';
export * from './random/index.ts';
export * from './design/index.ts';
export * from './optimize/index.ts';
