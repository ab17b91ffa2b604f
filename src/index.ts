/** quarry's public TypeScript API (pinned by index.test.ts; package.json "exports" points here). */
export * from './numeric/index.ts';
export * from './surrogate/index.ts';
export * from './contour/index.ts';
export { QuarryError, type QuarryErrorCode } from './errors.ts';
